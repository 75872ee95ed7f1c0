import Testing
@testable import Tensor
import TestSupport

/// The 8-bit vector against a scalar reference: values in the documented order, scales and
/// block sums.
@Suite struct QuantizedVectorTests {
    static func quantized(_ vector: [Float]) -> (values: [Int16], scales: [Float], sums: [Float]) {
        let blockCount = vector.count / 32
        let storage = UnsafeMutableRawPointer.allocate(byteCount: QuantizedVector.byteCount(blockCount: blockCount),
                                                       alignment: QuantizedVector.alignment)
        defer { storage.deallocate() }
        let quantized = QuantizedVector(base: storage, blockCount: blockCount)
        vector.withUnsafeBufferPointer { quantized.quantize($0.baseAddress!) }
        let start = storage.assumingMemoryBound(to: Int16.self)
        let values = Array(UnsafeBufferPointer(start: start, count: blockCount * 32))
        return (values, Array(UnsafeBufferPointer(start: quantized.scales, count: blockCount)),
                Array(UnsafeBufferPointer(start: quantized.sums, count: blockCount)))
    }

    @Test func matchesScalarReference() {
        var generator = SeededGenerator.make(for: "QuantizedVector")
        let vector = Naive.values(96, scale: 3, using: &generator)
        let (values, scales, sums) = Self.quantized(vector)
        for block in 0..<3 {
            let elements = vector[(block * 32)..<((block + 1) * 32)]
            let maximum = elements.map(abs).max()!
            #expect(scales[block] == maximum / 127)
            var total = 0
            for (element, value) in elements.enumerated() {
                let expected = Int((value * (127 / maximum)).rounded(.toNearestOrEven))
                let half = element / 16, parity = element % 2, index = (element % 16) / 2
                #expect(Int(values[block * 32 + half * 16 + parity * 8 + index]) == expected, "element \(element)")
                total += expected
            }
            #expect(sums[block] == scales[block] * Float(total))
        }
    }

    @Test func zeroBlockHasZeroScale() {
        let (values, scales, sums) = Self.quantized([Float](repeating: 0, count: 32))
        #expect(values.allSatisfy { $0 == 0 } && scales == [0] && sums == [0])
    }

    @Test func extremesStayWithin127() {
        let vector = (0..<32).map { Float($0 % 2 == 0 ? 1e30 : -1e30) * Float($0 + 1) }
        #expect(Self.quantized(vector).values.allSatisfy { abs(Int($0)) <= 127 })
    }
}
