import Testing
import TestSupport
@testable import ModelFactory

/// The projection against a Python transcription of its documented definition (SplitMix64
/// hashing, largest-remainder allocation), and its structural properties.
@Suite struct GradientProjectionTests {
    @Test func matchesThePythonTranscription() throws {
        let first = try GradientProjection(segmentSizes: [5, 3], dimension: 4, seed: 42)
        #expect(first.outputSizes == [2, 2])
        #expect(first.project([1, 2, 3, 4, 5, 6, 7, 8]) == [-8, 3, 5, 0])
        let second = try GradientProjection(segmentSizes: [7, 6, 7], dimension: 9, seed: 7)
        #expect(second.outputSizes == [3, 3, 3])
        #expect(second.project((0..<20).map { 0.5 * Float($0) - 3 }) == [1.5, -3.5, -2.5, 0.5, 2.5, -4.5, 0, 14.5, -9.5])
        #expect(GradientProjection.allocate(4096, over: [112, 84]) == [2340, 1756])
        #expect(GradientProjection.allocate(10, over: [1, 1, 1]) == [4, 3, 3])
    }

    @Test func blocksStayWithinTheirSegment() throws {
        let projection = try GradientProjection(segmentSizes: [50, 30, 20], dimension: 20, seed: 3)
        #expect(projection.outputSizes.reduce(0, +) == 20 && projection.outputSizes.allSatisfy { $0 >= 1 })
        var gradient = [Float](repeating: 0, count: 100)
        for index in 50..<80 { gradient[index] = Float(index) }
        let output = projection.project(gradient)
        let firstEnd = projection.outputSizes[0], secondEnd = firstEnd + projection.outputSizes[1]
        #expect(output[..<firstEnd].allSatisfy { $0 == 0 } && output[secondEnd...].allSatisfy { $0 == 0 })
        #expect(output[firstEnd..<secondEnd].contains { $0 != 0 })
    }

    /// ⟨Sx, Sy⟩ estimates ⟨x, y⟩ without bias: averaged over seeds it comes close.
    @Test func innerProductsArePreservedOnAverage() throws {
        var random = SeededGenerator.make(for: "projection inner products")
        let x = (0..<400).map { _ in Float(Double(random.next() % 2001) / 1000 - 1) }
        let y = x.map { $0 + Float(Double(random.next() % 2001) / 2000 - 0.5) }
        let exact = zip(x, y).map { Double($0) * Double($1) }.reduce(0, +)
        var mean = 0.0
        for seed in 0..<200 {
            let projection = try GradientProjection(segmentSizes: [150, 250], dimension: 64, seed: UInt64(seed))
            mean += zip(projection.project(x), projection.project(y)).map { Double($0) * Double($1) }.reduce(0, +) / 200
        }
        #expect(abs(mean - exact) < 0.1 * abs(exact), "\(mean) vs \(exact)")
    }

    @Test func quantizationIsWithinHalfAStep() throws {
        let projection = try GradientProjection(segmentSizes: [40, 60], dimension: 10, seed: 1)
        let gradient = (0..<100).map { Float($0 % 7) - 3.3 }
        let exact = projection.project(gradient)
        let quantized = projection.projectAndQuantize(gradient)
        let restored = quantized.dequantized(segmentOutputSizes: projection.outputSizes)
        var start = 0
        for (segment, size) in projection.outputSizes.enumerated() {
            for index in start..<(start + size) {
                #expect(abs(restored[index] - exact[index]) <= quantized.scales[segment] * 0.5001)
            }
            #expect(quantized.values[start..<(start + size)].map { abs(Int($0)) }.max() == 32767)
            start += size
        }
        let zero = QuantizedGradient(quantizing: [0, 0, 1], segmentOutputSizes: [2, 1])
        #expect(zero.scales == [0, 1 / 32767] && zero.values == [0, 0, 32767])
    }

    @Test func tooSmallADimensionIsRefused() {
        #expect(throws: ModelFactoryError.self) { try GradientProjection(segmentSizes: [3, 3, 3], dimension: 2, seed: 0) }
        #expect(throws: ModelFactoryError.self) { try GradientProjection(segmentSizes: [], dimension: 2, seed: 0) }
    }
}
