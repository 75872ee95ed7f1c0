import ModelFiles
import TestSupport
import Testing

@Suite("GGMLQuantizer")
struct GGMLQuantizerTests {
    static let quantizedTypes: [GGMLType] = [.q8_0, .q4_0, .q4_1, .q5_0, .q5_1]

    @Test("bytes equal gguf-py's quantizer", arguments: quantizedTypes)
    func matchesGGUFPy(type: GGMLType) throws {
        let input = Fixtures.expected.quantizer.input.map(Float.init)
        let vector = try #require(Fixtures.expected.quantizer.types[type.name])
        #expect(GGMLQuantizer.quantize(input, to: type).hex == vector.bytes)
    }

    @Test("round trips stay within half a step", arguments: quantizedTypes)
    func roundTripError(type: GGMLType) throws {
        var generator = SeededGenerator.make(for: "GGMLQuantizer.roundTripError.\(type.name)")
        let values = (0..<(32 * 64)).map { _ in Float.random(in: -4...4, using: &generator) }
        let bytes = GGMLQuantizer.quantize(values, to: type)
        #expect(bytes.count == 64 * type.blockByteCount)
        let restored = try bytes.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(type, from: buffer)
        }
        for block in 0..<64 {
            let slice = values[(block * 32)..<((block + 1) * 32)]
            let largest = slice.map(abs).max()!
            // Half a step, or a whole one where the symmetric types clamp the end opposite the
            // largest magnitude (d = largest / −8 reaches −8d but only +7d); plus the f16 scale's rounding.
            let step: Float = switch type {
            case .q8_0: largest / 127 / 2
            case .q4_0: largest / 8
            case .q5_0: largest / 16
            case .q4_1: (slice.max()! - slice.min()!) / 15 / 2
            default: (slice.max()! - slice.min()!) / 31 / 2
            }
            let tolerance = step * 1.01 + 0.002 * largest
            for index in slice.indices {
                #expect(abs(restored[index] - values[index]) <= tolerance, "\(type.name) element \(index)")
            }
        }
    }

    @Test func floatTypesConvertExactlyOrToNearestEven() throws {
        let values: [Float] = [0, -0.0, 1, -2.5, 65504, 65520, 1e-8, 0x1p-24, 3.14159, .infinity]
        let halves = GGMLQuantizer.quantize(values, to: .f16)
        let restored = try halves.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(.f16, from: buffer)
        }
        #expect(restored == values.map { Float(Float16($0)) })
        let floats = GGMLQuantizer.quantize(values, to: .f32)
        #expect(try floats.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(.f32, from: buffer)
        } == values)
        let brain = GGMLQuantizer.quantize([1, -2, 3.14159, 1.00390625, 1.01171875], to: .bf16)
        #expect(brain.hex == "803f00c04940" + "803f" + "823f")  // ties round to even: 1.0039 → 1.0, 1.0117 → 1.0156
    }

    @Test func halfPrecisionNarrowingMatchesFloat16() throws {
        var generator = SeededGenerator.make(for: "GGMLQuantizer.halfPrecisionNarrowingMatchesFloat16")
        let values = (0..<20_000).map { _ in Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator)) }
            .filter { !$0.isNaN }
        let bytes = GGMLQuantizer.quantize(values, to: .f16)
        for (index, value) in values.enumerated() {
            let bits = UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8
            #expect(bits == Float16(value).bitPattern, "\(value)")
        }
    }
}
