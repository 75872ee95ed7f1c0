import ModelFiles
import TestSupport
import Testing

@Suite("SafetensorsHeader")
struct SafetensorsHeaderTests {
    private func parse(_ bytes: [UInt8], limits: SafetensorsLimits = .standard) throws(ModelFileError)
        -> SafetensorsHeader {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ModelFileError) in try SafetensorsHeader(parsing: buffer, limits: limits) }
        }
        return try result.get()
    }

    private func kind(_ bytes: [UInt8], limits: SafetensorsLimits = .standard) -> ModelFileError.Kind? {
        do {
            _ = try parse(bytes, limits: limits)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func readsTheFileWrittenBySafetensors() throws {
        let expected = Fixtures.expected.modelSafetensors
        let header = try parse(try Fixtures.bytes("model.safetensors"))
        #expect(header.headerByteCount == expected.headerLength)
        #expect(header.fileByteCount == expected.byteCount)
        #expect(header.metadata == expected.metadata)
        #expect(Set(header.tensors.map(\.name)) == Set(expected.tensors.keys))
        for (name, tensor) in expected.tensors {
            let info = try #require(header.tensor(named: name))
            #expect(info.dtype.rawValue == tensor.dtype)
            #expect(info.shape == tensor.shape)
            #expect(info.dataOffsets == tensor.dataOffsets[0]..<tensor.dataOffsets[1])
            let start = header.dataOffset + tensor.dataOffsets[0]
            #expect(info.byteRange == start..<(header.dataOffset + tensor.dataOffsets[1]))
        }
        #expect(header.tensors.map(\.dataOffsets.lowerBound) == header.tensors.map(\.dataOffsets.lowerBound).sorted())
    }

    @Test func acceptsAWellFormedBuiltFile() throws {
        let header = try parse(SafetensorsBuilder.single())
        #expect(header.tensors.first?.shape == [2])
        #expect(header.metadata.isEmpty)
    }

    @Test("refuses malformed headers", arguments: [
        HeaderCase("no length", [1, 2, 3], .truncated),
        HeaderCase("length past the file", SafetensorsBuilder.file(header: "{}", data: [], declaredLength: 3),
                   .truncated),
        HeaderCase("length past the limit", SafetensorsBuilder.file(header: "{}", data: [], declaredLength: 1 << 40),
                   .limitExceeded),
        HeaderCase("not JSON", SafetensorsBuilder.file(header: "{\"t\":", data: []), .invalidJSON),
        HeaderCase("not UTF-8", SafetensorsBuilder.file(header: "{}", data: []).dropLast(1) + [0xff], .invalidJSON),
        HeaderCase("not an object", SafetensorsBuilder.file(header: "[]", data: []), .invalidHeader),
        HeaderCase("tensor not an object", SafetensorsBuilder.file(header: "{\"t\":1}", data: []), .invalidHeader),
        HeaderCase("metadata not strings",
                   SafetensorsBuilder.file(header: "{\"__metadata__\":{\"a\":1}}", data: []), .invalidHeader),
        HeaderCase("unknown dtype", SafetensorsBuilder.single(dtype: "F128"), .unknownTensorType),
        HeaderCase("negative extent", SafetensorsBuilder.single(shape: "[-2]"), .invalidShape),
        HeaderCase("fractional extent", SafetensorsBuilder.single(shape: "[2.5]"), .invalidShape),
        HeaderCase("too many dimensions", SafetensorsBuilder.single(shape: "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2]"),
                   .invalidShape),
        HeaderCase("huge shape", SafetensorsBuilder.single(shape: "[4294967296,4294967296]"), .limitExceeded),
        HeaderCase("shape and size disagree", SafetensorsBuilder.single(shape: "[3]"), .sizeMismatch),
        HeaderCase("dtype and size disagree", SafetensorsBuilder.single(dtype: "F16"), .sizeMismatch),
        HeaderCase("half a byte", SafetensorsBuilder.single(dtype: "F4", shape: "[3]", offsets: "[0,1]", dataCount: 1),
                   .sizeMismatch),
        HeaderCase("offsets reversed", SafetensorsBuilder.single(offsets: "[8,0]"), .invalidHeader),
        HeaderCase("offsets not a pair", SafetensorsBuilder.single(offsets: "[0,8,16]"), .invalidHeader),
        HeaderCase("outside the file", SafetensorsBuilder.single(offsets: "[4,12]"), .tensorOutOfBounds),
        HeaderCase("huge offsets", SafetensorsBuilder.single(offsets: "[9223372036854775800,9223372036854775808]"),
                   .invalidHeader),
        HeaderCase("gap before", SafetensorsBuilder.single(offsets: "[4,12]", dataCount: 12), .tensorGap),
        HeaderCase("bytes after", SafetensorsBuilder.single(dataCount: 9), .tensorGap),
        HeaderCase("overlap", SafetensorsBuilder.file(
            header: "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[2,6]}}",
            data: [UInt8](repeating: 0, count: 6)), .tensorOverlap),
        HeaderCase("duplicate name", SafetensorsBuilder.file(
            header: "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}",
            data: [0, 0]), .invalidJSON),
    ])
    func refusesMalformed(_ headerCase: HeaderCase) {
        #expect(kind(headerCase.bytes) == headerCase.kind)
    }

    @Test func errorsNameTheTensorsOffsetInTheFile() {
        do {
            _ = try parse(SafetensorsBuilder.single(shape: "[3]"))
            Issue.record("accepted a size mismatch")
        } catch {
            #expect(error.kind == .sizeMismatch)
            #expect(error.offset == 9)  // the key "t" right after the 8-byte length and "{"
        }
    }

    @Test func everyTruncationIsRefused() throws {
        let bytes = try Fixtures.bytes("model.safetensors")
        for length in 0..<bytes.count {
            #expect(kind(Array(bytes.prefix(length))) != nil, "prefix \(length)")
        }
    }

    @Test func mutatedFilesNeverTrap() throws {
        var generator = SeededGenerator.make(for: "SafetensorsHeader.mutatedFilesNeverTrap")
        let seeds = [try Fixtures.bytes("model.safetensors"), try Fixtures.bytes("writer-reference.safetensors")]
        for round in 0..<3000 {
            let bytes = generator.mutate(seeds[round % seeds.count])
            guard let header = try? parse(bytes) else { continue }
            for tensor in header.tensors { #expect(tensor.byteRange.upperBound <= bytes.count) }
        }
        for _ in 0..<500 { _ = kind(generator.bytes(maximumCount: 128)) }
    }
}

struct HeaderCase: Sendable, CustomStringConvertible {
    let name: String
    let bytes: [UInt8]
    let kind: ModelFileError.Kind

    init(_ name: String, _ bytes: [UInt8], _ kind: ModelFileError.Kind) {
        self.name = name
        self.bytes = bytes
        self.kind = kind
    }

    var description: String { name }
}
