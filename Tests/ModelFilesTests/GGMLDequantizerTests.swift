import ModelFiles
import Testing

@Suite("GGMLDequantizer")
struct GGMLDequantizerTests {
    @Test("blocks dequantize to gguf-py's values", arguments: [GGMLType.q8_0, .q4_0, .q4_1, .q5_0, .q5_1])
    func matchesGGUFPy(type: GGMLType) throws {
        let vector = try #require(Fixtures.expected.quantizer.types[type.name])
        let bytes = [UInt8](hex: vector.bytes)
        let values = try bytes.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(type, from: buffer)
        }
        #expect(values == vector.dequantized.map(Float.init))
    }

    @Test func halfPrecisionWideningMatchesFloat16ForEveryBitPattern() throws {
        var bytes: [UInt8] = []
        for bits in 0...UInt16.max { bytes += [UInt8(bits & 0xff), UInt8(bits >> 8)] }
        let values = try bytes.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(.f16, from: buffer)
        }
        for bits in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let value = values[Int(bits)]
            #expect(value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN), "\(bits)")
        }
    }

    @Test func knownBlockLayouts() throws {
        // Q4_0: d = 1.0 (0x3c00); byte j holds element j (low nibble) and j + 16 (high nibble).
        var q4 = [UInt8]([0x00, 0x3c])
        q4 += (0..<16).map { UInt8($0) | 0xf0 }
        let q4Values = try q4.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(.q4_0, from: buffer)
        }
        #expect(q4Values == (0..<16).map { Float($0 - 8) } + [Float](repeating: 7, count: 16))
        // Q4_1: d = 0.5, m = −1: value = nibble · 0.5 − 1.
        let q41: [UInt8] = [0x00, 0x38, 0x00, 0xbc] + [UInt8](repeating: 0x21, count: 16)
        let q41Values = try q41.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(.q4_1, from: buffer)
        }
        #expect(q41Values == [Float](repeating: -0.5, count: 16) + [Float](repeating: 0, count: 16))
        // Q8_0: d = 2.0, quants −128 … 127 (as bytes).
        let q8: [UInt8] = [0x00, 0x40] + [0x80, 0x7f, 0xff, 0x01] + [UInt8](repeating: 0, count: 28)
        let q8Values = try q8.withUnsafeBytes { buffer throws(ModelFileError) in
            try GGMLDequantizer.dequantize(.q8_0, from: buffer)
        }
        #expect(Array(q8Values.prefix(4)) == [-256, 254, -2, 2])
    }

    @Test func refusesTypesItCannotConvert() {
        let bytes = [UInt8](repeating: 0, count: GGMLType.q4_k.blockByteCount)
        #expect(throws: ModelFileError.self) {
            try bytes.withUnsafeBytes { buffer throws(ModelFileError) in
                try GGMLDequantizer.dequantize(.q4_k, from: buffer)
            }
        }
    }
}
