import ModelFiles
@testable import Tensor
import TestSupport

/// Naive references and random data for the kernel tests.
enum Naive {
    /// Σ a[i]·b[i] in Double.
    static func dot(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// output[t, r] = Σc weight[r, c] · input[t, c], in Double.
    static func product(_ weight: [Float], rows: Int, columns: Int, _ input: [Float], tokens: Int) -> [Double] {
        var output = [Double](repeating: 0, count: tokens * rows)
        for token in 0..<tokens {
            for row in 0..<rows {
                output[token * rows + row] = dot(weight[(row * columns)..<((row + 1) * columns)],
                                                 input[(token * columns)..<((token + 1) * columns)])
            }
        }
        return output
    }

    /// `count` normal-ish values (sum of uniforms) scaled by `scale`.
    static func values(_ count: Int, scale: Float = 1, using generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in
            (Float.random(in: -1...1, using: &generator) + Float.random(in: -1...1, using: &generator)) * scale
        }
    }

    /// The largest |a − b| over max(1, max |b|).
    static func relativeError(_ a: [Float], _ b: [Double]) -> Double {
        var error = 0.0, largest = 1.0
        for (mine, theirs) in zip(a, b) {
            error = max(error, abs(Double(mine) - theirs))
            largest = max(largest, abs(theirs))
        }
        return error / largest
    }
}

extension Array where Element == Float {
    /// Calls `body` with the array as an input buffer and a zeroed output of `count` values,
    /// and returns the output.
    func producing(_ count: Int, _ body: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void)
        -> [Float] {
        var output = [Float](repeating: 0, count: count)
        withUnsafeBufferPointer { input in output.withUnsafeMutableBufferPointer { body(input, $0) } }
        return output
    }
}
