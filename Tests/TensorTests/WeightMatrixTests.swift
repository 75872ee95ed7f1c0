import Testing
import ModelFiles
@testable import Tensor
import TestSupport

/// WeightMatrix: construction from views and bytes, refusals, dequantization, row dots.
@Suite struct WeightMatrixTests {
    /// A one-tensor GGUF v3 file (no metadata), laid out by hand from the format's spec.
    static func gguf(type: GGMLType, columns: Int, rows: Int, data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = Array("GGUF".utf8)
        func append<Value: FixedWidthInteger>(_ value: Value) {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }
        append(UInt32(3)); append(UInt64(1)); append(UInt64(0))
        append(UInt64(1)); bytes += Array("w".utf8)
        append(UInt32(2)); append(UInt64(columns)); append(UInt64(rows))
        append(type.rawValue); append(UInt64(0))
        while bytes.count % 32 != 0 { bytes.append(0) }
        return bytes + data
    }

    static func view(type: GGMLType, columns: Int, rows: Int, data: [UInt8]) throws -> TensorView {
        try #require(try GGUFFile(bytes: gguf(type: type, columns: columns, rows: rows, data: data)).tensor(named: "w"))
    }

    @Test(arguments: [GGMLType.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1])
    func viewReadsInPlaceAndDequantizes(_ type: GGMLType) throws {
        var generator = SeededGenerator.make(for: "WeightMatrix.view.\(type.name)")
        let values = Naive.values(3 * 64, using: &generator)
        let bytes = GGMLQuantizer.quantize(values, to: type)
        let matrix = try WeightMatrix(Self.view(type: type, columns: 64, rows: 3, data: bytes))
        #expect(matrix.rowCount == 3 && matrix.columnCount == 64 && matrix.type == type)
        #expect(matrix.byteCount == bytes.count)
        let expected = try bytes.withUnsafeBytes { try GGMLDequantizer.dequantize(type, from: $0) }
        #expect(matrix.dequantized() == expected)
        var middle = [Float](repeating: 0, count: 64)
        middle.withUnsafeMutableBufferPointer { matrix.dequantizeRows(1..<2, into: $0) }
        #expect(middle == Array(expected[64..<128]))
        let vector = Naive.values(64, using: &generator)
        let dot = vector.withUnsafeBufferPointer { matrix.dot(row: 2, with: $0.baseAddress!) }
        #expect(abs(Double(dot) - Naive.dot(expected[128...], vector[...])) < 1e-4)
    }

    @Test func misalignedFloatDataIsCopiedAligned() throws {
        let values: [Float] = [1, 2, 3, -4, 5, 6]
        var header = Array(#"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#.utf8)
        while (8 + header.count) % 4 != 2 { header.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        bytes += header
        values.withUnsafeBytes { bytes += $0 }
        let view = try #require(try SafetensorsFile(bytes: bytes).tensor(named: "w"))
        let matrix = try WeightMatrix(view)
        #expect(UInt(bitPattern: matrix.floatBase) % 4 == 0)
        #expect(matrix.dequantized() == values)
    }

    @Test func copiesShareStorage() throws {
        let matrix = WeightMatrix(rowCount: 1, columnCount: 2, values: [1, 2])
        let copy = matrix
        let other = WeightMatrix(rowCount: 1, columnCount: 2, values: [1, 2])
        #expect(copy.storageIdentity == matrix.storageIdentity)
        #expect(other.storageIdentity != matrix.storageIdentity)
    }

    @Test func quantizingMatchesTheReferenceQuantizer() throws {
        var generator = SeededGenerator.make(for: "WeightMatrix.quantizing")
        let values = Naive.values(2 * 32, using: &generator)
        let matrix = try WeightMatrix(quantizing: values, rowCount: 2, columnCount: 32, to: .q4_1)
        let expected = try GGMLQuantizer.quantize(values, to: .q4_1).withUnsafeBytes {
            try GGMLDequantizer.dequantize(.q4_1, from: $0)
        }
        #expect(matrix.dequantized() == expected)
    }

    @Test func refusesUnsupportedTypesAndBadShapes() throws {
        let refusal = "matrix is Q5_0; the kernels compute with BF16, F16, F32, Q4_0, Q4_1, Q8_0"
        #expect(throws: TensorError(.unsupportedType, refusal)) {
            try WeightMatrix(type: .q5_0, rowCount: 1, columnCount: 32, bytes: [UInt8](repeating: 0, count: 22))
        }
        #expect { try WeightMatrix(type: .q8_0, rowCount: 1, columnCount: 48, bytes: []) } throws: {
            ($0 as? TensorError)?.kind == .shapeMismatch
        }
        #expect { try WeightMatrix(type: .q8_0, rowCount: 2, columnCount: 32, bytes: [0]) } throws: {
            ($0 as? TensorError)?.kind == .sizeMismatch
        }
        let vector = try Self.view(type: .f32, columns: 4, rows: 2, data: [UInt8](repeating: 0, count: 32))
        #expect { try WeightMatrix(vector, rowCount: 4, columnCount: 2) } throws: {
            ($0 as? TensorError)?.kind == .shapeMismatch
        }
    }
}
