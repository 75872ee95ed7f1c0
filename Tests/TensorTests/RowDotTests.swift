import Testing
import ModelFiles
@testable import Tensor
import TestSupport

/// The SIMD row dot products against numpy (QuantizedDotVectors: gguf-py's blocks, float64
/// dot products of their dequantized values) and against naive Double loops over
/// ModelFiles' dequantization. Tolerance: |ours − reference| ≤ 1e-5 · Σ|wᵢxᵢ| + 1e-6, the
/// rounding Float accumulation of that many terms allows.
@Suite struct RowDotTests {
    /// The kernel of `type` on a row's bytes, with the vector arranged by InputLayout.
    static func dot(_ type: GGMLType, _ bytes: [UInt8], _ vector: [Float], count: Int) -> Float {
        var arranged = vector
        vector.withUnsafeBufferPointer { source in
            arranged.withUnsafeMutableBufferPointer {
                InputLayout.arrange(type, source.baseAddress!, count: count, into: $0.baseAddress!)
            }
        }
        return bytes.withUnsafeBytes { row in
            arranged.withUnsafeBufferPointer { WeightMatrix.dot(type, row.baseAddress!, $0.baseAddress!, count: count) }
        }
    }

    static func bound(_ row: [Float], _ vector: [Float]) -> Double {
        1e-5 * zip(row, vector).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) } + 1e-6
    }

    static let numpyCases = QuantizedDotVectors.cases.map(\.type)

    @Test(arguments: numpyCases)
    func matchesNumpy(_ typeName: String) throws {
        let vectorCase = try #require(QuantizedDotVectors.cases.first { $0.type == typeName })
        let type = try #require(GGMLType.allCases.first { $0.name == typeName })
        let bytes = [UInt8](hex: vectorCase.hex)
        let length = QuantizedDotVectors.rowLength
        let rowBytes = try #require(type.rowByteCount(rowLength: length))
        #expect(bytes.count == rowBytes * vectorCase.rows)
        for row in 0..<vectorCase.rows {
            let slice = Array(bytes[(row * rowBytes)..<((row + 1) * rowBytes)])
            let values = try slice.withUnsafeBytes { try GGMLDequantizer.dequantize(type, from: $0) }
            let actual = Self.dot(type, slice, QuantizedDotVectors.input, count: length)
            #expect(abs(Double(actual) - vectorCase.dots[row]) <= Self.bound(values, QuantizedDotVectors.input),
                    "\(typeName) row \(row): \(actual) vs numpy \(vectorCase.dots[row])")
        }
    }

    /// Every type at lengths with and without a tail after the last full SIMD step.
    @Test(arguments: [GGMLType.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1])
    func matchesNaiveLoop(_ type: GGMLType) throws {
        var generator = SeededGenerator.make(for: "RowDot.\(type.name)")
        let lengths = type.blockElementCount == 1 ? [1, 15, 16, 17, 33, 100] : [32, 64, 96, 320]
        for length in lengths {
            let values = Naive.values(length, using: &generator)
            let vector = Naive.values(length, using: &generator)
            let bytes = GGMLQuantizer.quantize(values, to: type)
            let stored = try bytes.withUnsafeBytes { try GGMLDequantizer.dequantize(type, from: $0) }
            let expected = Naive.dot(stored[...], vector[...])
            let actual = Self.dot(type, bytes, vector, count: length)
            #expect(abs(Double(actual) - expected) <= Self.bound(stored, vector), "\(type.name) length \(length)")
        }
    }
}
