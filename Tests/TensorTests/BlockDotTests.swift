import Testing
import ModelFiles
@testable import Tensor
import TestSupport

/// The integer row dot products against an independent scalar reference: the vector
/// quantized block by block in plain Float arithmetic (q = x·(127 / max|x|) rounded to
/// nearest, ties to even), then Σ w·(q·d) in Double over ModelFiles' dequantized weights.
/// Tolerance |ours − reference| ≤ 1e-5 · Σ|w·q·d| + 1e-6: the integer sums are exact, only
/// the per-block Float scaling rounds.
@Suite struct BlockDotTests {
    static let types: [GGMLType] = [.q8_0, .q4_0, .q4_1]

    /// The reference quantization of one vector: the value each element stands for.
    static func referenceQuantized(_ vector: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: vector.count)
        for start in stride(from: 0, to: vector.count, by: 32) {
            let block = vector[start..<(start + 32)]
            let maximum = block.map(abs).max() ?? 0
            let scale = maximum / 127, inverse: Float = maximum > 0 ? 127 / maximum : 0
            for index in block.indices {
                result[index] = (vector[index] * inverse).rounded(.toNearestOrEven) * scale
            }
        }
        return result
    }

    static func kernel(_ type: GGMLType, _ row: [UInt8], _ vector: [Float]) -> Float {
        let blockCount = vector.count / 32
        let storage = UnsafeMutableRawPointer.allocate(byteCount: QuantizedVector.byteCount(blockCount: blockCount),
                                                       alignment: QuantizedVector.alignment)
        defer { storage.deallocate() }
        let quantized = QuantizedVector(base: storage, blockCount: blockCount)
        vector.withUnsafeBufferPointer { quantized.quantize($0.baseAddress!) }
        return row.withUnsafeBytes { bytes in
            switch type {
            case .q8_0: BlockDot.q8_0(bytes.baseAddress!, quantized)
            case .q4_0: BlockDot.q4_0(bytes.baseAddress!, quantized)
            default: BlockDot.q4_1(bytes.baseAddress!, quantized)
            }
        }
    }

    static func check(_ type: GGMLType, _ row: [UInt8], _ vector: [Float], _ label: String) throws {
        let weights = try row.withUnsafeBytes { try GGMLDequantizer.dequantize(type, from: $0) }
        let inputs = referenceQuantized(vector)
        let expected = Naive.dot(weights[...], inputs[...])
        let bound = 1e-5 * zip(weights, inputs).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) } + 1e-6
        let actual = kernel(type, row, vector)
        #expect(abs(Double(actual) - expected) <= bound, "\(label): \(actual) vs \(expected)")
    }

    /// Random rows at lengths of 1 to 18 blocks: every count of blocks after the last group of four.
    @Test(arguments: types)
    func matchesScalarReference(_ type: GGMLType) throws {
        var generator = SeededGenerator.make(for: "BlockDot.\(type.name)")
        for blockCount in [1, 2, 3, 4, 5, 6, 7, 8, 18] {
            for scale: Float in [1, 1e-3, 300] {
                let length = blockCount * 32
                let row = GGMLQuantizer.quantize(Naive.values(length, using: &generator), to: type)
                let vector = Naive.values(length, scale: scale, using: &generator)
                try Self.check(type, row, vector, "\(type.name) \(blockCount) blocks scale \(scale)")
            }
        }
    }

    /// Raw random bytes as blocks (any nibble, any int8 including −128), with scales kept finite.
    @Test(arguments: types)
    func matchesScalarReferenceOnRandomBytes(_ type: GGMLType) throws {
        var generator = SeededGenerator.make(for: "BlockDot.bytes.\(type.name)")
        let blockBytes = type.rowByteCount(rowLength: 32)!
        for blockCount in [3, 9] {
            var row = generator.bytes(count: blockCount * blockBytes)
            for block in 0..<blockCount {
                for scaleOffset in (type == .q4_1 ? [0, 2] : [0]) {
                    row[block * blockBytes + scaleOffset + 1] &= 0x3b  // |scale| < 1: finite, no NaN
                }
            }
            try Self.check(type, row, Naive.values(blockCount * 32, using: &generator), "\(type.name) bytes")
        }
    }

    /// The overflow bounds: extreme weights against a vector at ±127 after quantization.
    @Test func extremeQ8Weights() throws {
        var row = [UInt8](repeating: 0x80, count: 34 * 2)  // int8 −128 everywhere
        row[0] = 0x00; row[1] = 0x3c; row[34] = 0x00; row[35] = 0x3c  // d = 1
        let negative = [Float](repeating: -5, count: 64)
        try Self.check(.q8_0, row, negative, "q8_0 all −128 × −127")
        #expect(Self.kernel(.q8_0, row, negative) == 64 * 128 * 5)
        var nibbles = [UInt8](repeating: 0xff, count: 20 * 4)  // Q4_1 nibbles 15 everywhere
        for block in 0..<4 {
            nibbles[block * 20] = 0x00; nibbles[block * 20 + 1] = 0x3c  // d = 1
            nibbles[block * 20 + 2] = 0x00; nibbles[block * 20 + 3] = 0x00  // m = 0
        }
        let positive = [Float](repeating: 2, count: 128)
        #expect(Self.kernel(.q4_1, nibbles, positive) == 128 * 15 * 2)
    }
}
