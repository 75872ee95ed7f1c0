#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tensor

/// RoPE's cosines and sines for positions 0..<N, computed once per engine as the CPU
/// backend computes them (angle in Double, rounded to Float), and the rotation and its
/// inverse (the transpose, for the backward pass) in either row layout.
struct RotaryTable {
    /// [N, pairs] cosines then [N, pairs] sines.
    private let values: [Float]
    private let pairCount: Int
    private let positionCount: Int

    init(inverseFrequencies: [Float], positionCount: Int) {
        pairCount = inverseFrequencies.count
        self.positionCount = positionCount
        var table = [Float](repeating: 0, count: 2 * positionCount * pairCount)
        for position in 0..<positionCount {
            for pair in 0..<pairCount {
                let angle = Double(position) * Double(inverseFrequencies[pair])
                table[position * pairCount + pair] = Float(cos(angle))
                table[(positionCount + position) * pairCount + pair] = Float(sin(angle))
            }
        }
        values = table
    }

    /// Rotates every head of rows 0..<tokenCount of `rows` ([tokens, headCount · 2·pairs]),
    /// token t at position t; `inverse` turns by the opposite angle (the gradient's rotation).
    func rotate(_ rows: UnsafeMutablePointer<Float>, tokenCount: Int, headCount: Int, layout: RopeLayout,
                inverse: Bool) {
        precondition(tokenCount <= positionCount, "more tokens than the table's positions")
        let headDimension = 2 * pairCount
        let (firstStride, secondOffset) = layout == .interleaved ? (2, 1) : (1, pairCount)
        let sign: Float = inverse ? -1 : 1
        values.withUnsafeBufferPointer { table in
            for token in 0..<tokenCount {
                let cosines = table.baseAddress! + token * pairCount
                let sines = table.baseAddress! + (positionCount + token) * pairCount
                let row = rows + token * headCount * headDimension
                for head in 0..<headCount {
                    let base = row + head * headDimension
                    for pair in 0..<pairCount {
                        let cosine = cosines[pair], sine = sign * sines[pair]
                        let first = base + pair * firstStride
                        let a = first[0], b = first[secondOffset]
                        first[0] = a * cosine - b * sine
                        first[secondOffset] = b * cosine + a * sine
                    }
                }
            }
        }
    }
}
