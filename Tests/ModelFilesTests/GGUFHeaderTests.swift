import ModelFiles
import TestSupport
import Testing

@Suite("GGUFHeader")
struct GGUFHeaderTests {
    private func parse(_ bytes: [UInt8], limits: GGUFLimits = .standard) throws(ModelFileError) -> GGUFHeader {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ModelFileError) in try GGUFHeader(parsing: buffer, limits: limits) }
        }
        return try result.get()
    }

    private func error(_ bytes: [UInt8], limits: GGUFLimits = .standard) -> ModelFileError? {
        do {
            _ = try parse(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test("metadata and tensor directory match gguf-py",
          arguments: ["tiny-v3.gguf", "aligned64-v3.gguf", "small-v2.gguf"])
    func matchesReference(name: String) throws {
        let expected = switch name {
        case "tiny-v3.gguf": Fixtures.expected.tinyV3
        case "aligned64-v3.gguf": Fixtures.expected.aligned64V3
        default: Fixtures.expected.smallV2
        }
        let header = try parse(try Fixtures.bytes(name))
        #expect(header.version == expected.version)
        #expect(header.alignment == expected.alignment)
        #expect(header.dataOffset == expected.dataOffset)
        #expect(header.fileByteCount == expected.byteCount)
        #expect(header.metadataKeys == expected.metadataKeys)
        for key in expected.metadataKeys {
            #expect(header[key] == expected.metadata[key]?.value, "metadata \(key)")
        }
        #expect(header.tensors.map(\.name) == expected.tensors.map(\.name))
        for tensor in expected.tensors {
            let info = try #require(header.tensor(named: tensor.name))
            #expect(info.dimensions == tensor.dimensions)
            #expect(info.type.rawValue == tensor.typeId)
            #expect(info.type.name == tensor.type)
            #expect(info.elementCount == tensor.elementCount)
            #expect(info.byteRange == tensor.fileOffset..<(tensor.fileOffset + tensor.byteCount))
            #expect(info.offset == tensor.fileOffset - expected.dataOffset)
        }
    }

    @Test func typedAccessorsReadTheVocabulary() throws {
        let header = try parse(try Fixtures.bytes("tiny-v3.gguf"))
        #expect(header["general.architecture"]?.string == "llama")
        #expect(header["tokenizer.ggml.tokens"]?.array?.strings?.count == 10)
        #expect(header["tokenizer.ggml.scores"]?.array?.floats?.first == 0)
        #expect(header["tokenizer.ggml.token_type"]?.array?.integers?.first == 3)
        #expect(header["test.uint64"]?.integer == nil)  // 18e18 does not fit Int
        #expect(header["test.int64"]?.integer == -9_000_000_000_000_000_000)
        #expect(header["test.bool_true"]?.bool == true)
        #expect(header["test.float64"]?.floatingPoint == 0.1)
    }

    @Test func refusesBigEndianFiles() throws {
        #expect(error(try Fixtures.bytes("big-endian.gguf"))?.kind == .bigEndian)
    }

    @Test func refusesWrongMagic() {
        var bytes = GGUFBuilder.valid()
        bytes[0] = UInt8(ascii: "X")
        #expect(error(bytes) == ModelFileError(.badMagic, at: 0, "the file does not start with \"GGUF\""))
    }

    @Test("refuses unsupported versions", arguments: [UInt32(0), 1, 4, 0x0100_0000, 0xffff_ffff])
    func refusesVersion(version: UInt32) {
        var bytes = GGUFBuilder.valid()
        withUnsafeBytes(of: version.littleEndian) { bytes.replaceSubrange(4..<8, with: $0) }
        let failure = error(bytes)
        #expect(failure?.kind == (version == 0x0100_0000 ? .bigEndian : .unsupportedVersion))
        #expect(failure?.offset == 4)
    }

    @Test func acceptsTheWellFormedBuilderFile() throws {
        let header = try parse(GGUFBuilder.valid())
        #expect(header.tensors.map(\.byteRange) == [128..<160, 160..<192])
        #expect(header["general.test"] == .uint32(7))
    }

    @Test func everyTruncationIsRefused() {
        let bytes = GGUFBuilder.valid()
        for length in 0..<bytes.count {
            let failure = error(Array(bytes.prefix(length)))
            #expect(failure?.kind == .truncated || failure?.kind == .tensorOutOfBounds, "prefix \(length)")
        }
    }

    @Test func refusesHugeCounts() {
        var huge = GGUFBuilder()
        huge.preamble(tensors: 1 << 40, metadata: 0)
        #expect(error(huge.bytes) == ModelFileError(.limitExceeded, at: 8,
                                                    "tensor count 1099511627776 is above the limit of 65536"))
        var manyKeys = GGUFBuilder()
        manyKeys.preamble(tensors: 0, metadata: .max)
        #expect(error(manyKeys.bytes)?.kind == .limitExceeded)
        #expect(error(manyKeys.bytes)?.offset == 16)
        var unfitting = GGUFBuilder()
        unfitting.preamble(tensors: 1000, metadata: 1000)
        #expect(error(unfitting.bytes)?.kind == .truncated)
    }

    @Test func refusesHugeStringsAndArrays() {
        var string = GGUFBuilder()
        string.preamble(tensors: 0, metadata: 1)
        string.u64(.max)
        string.bytes += [UInt8](repeating: 0, count: 16)
        #expect(error(string.bytes)?.kind == .limitExceeded)
        var array = metadataFile { builder in
            builder.u32(9)
            builder.u32(0)
            builder.u64(1 << 40)
        }
        #expect(error(array)?.kind == .limitExceeded)
        array = metadataFile { builder in
            builder.u32(9)
            builder.u32(8)  // strings: at least 8 bytes each
            builder.u64(1000)
        }
        #expect(error(array)?.kind == .truncated)
    }

    @Test func refusesDeepArrays() throws {
        let deep = metadataFile { builder in
            builder.u32(9)
            for _ in 0..<5 {
                builder.u32(9)
                builder.u64(1)
            }
            builder.u32(0)
            builder.u64(0)
        }
        #expect(error(deep)?.kind == .limitExceeded)
        var limits = GGUFLimits.standard
        limits.arrayDepthMax = 6
        let header = try parse(deep, limits: limits)
        guard case .array(.array(let level)) = header["k"] else {
            Issue.record("not a nested array")
            return
        }
        #expect(level.count == 1)
    }

    @Test func readsEmptyArrays() throws {
        let bytes = metadataFile { builder in
            builder.u32(9)
            builder.u32(8)
            builder.u64(0)
        }
        #expect(try parse(bytes)["k"] == .array(.string([])))
    }

    @Test func refusesBadValues() {
        let badUTF8 = metadataFile(key: "\u{FF}") { builder in
            builder.u32(0)
            builder.u8(1)
        }
        var bytes = badUTF8
        bytes[32] = 0xff  // the key's only byte (after magic, version, counts, key length)
        #expect(error(bytes) == ModelFileError(.invalidString, at: 32, "metadata key is not valid UTF-8"))
        let unknownType = metadataFile { $0.u32(13) }
        #expect(error(unknownType)?.kind == .unknownValueType)
        let badBool = metadataFile { builder in
            builder.u32(7)
            builder.u8(2)
        }
        #expect(error(badBool)?.kind == .invalidValue)
    }

    @Test func refusesDuplicates() {
        var keys = GGUFBuilder()
        keys.preamble(tensors: 0, metadata: 2)
        for _ in 0..<2 {
            keys.string("k")
            keys.u32(0)
            keys.u8(1)
        }
        #expect(error(keys.bytes)?.kind == .duplicateKey)
        var tensors = GGUFBuilder()
        tensors.preamble(tensors: 2, metadata: 0)
        tensors.tensor("t", dimensions: [8], type: 0, offset: 0)
        tensors.tensor("t", dimensions: [8], type: 0, offset: 32)
        tensors.pad(to: 32)
        tensors.bytes += [UInt8](repeating: 0, count: 64)
        #expect(error(tensors.bytes)?.kind == .duplicateTensor)
    }

    @Test func refusesBadAlignment() {
        let notPowerOfTwo = metadataFile(key: "general.alignment") { builder in
            builder.u32(4)
            builder.u32(24)
        }
        #expect(error(notPowerOfTwo)?.kind == .invalidValue)
        let wrongType = metadataFile(key: "general.alignment") { builder in
            builder.u32(10)
            builder.u64(32)
        }
        #expect(error(wrongType)?.kind == .invalidValue)
    }

    @Test("refuses malformed tensor entries", arguments: [
        TensorCase(dimensions: [8, 1, 1, 1, 1], type: 0, offset: 0, kind: .invalidShape),
        TensorCase(dimensions: [16], type: 8, offset: 0, kind: .invalidShape),  // Q8_0 rows are 32s
        TensorCase(dimensions: [8], type: 4, offset: 0, kind: .unknownTensorType),
        TensorCase(dimensions: [8], type: 0, offset: 4, kind: .misaligned),
        TensorCase(dimensions: [8], type: 0, offset: 64, kind: .tensorOutOfBounds),
        TensorCase(dimensions: [8], type: 0, offset: 1 << 62, kind: .tensorOutOfBounds),
        TensorCase(dimensions: [1 << 62], type: 0, offset: 0, kind: .limitExceeded),
        TensorCase(dimensions: [1 << 30, 1 << 30, 0], type: 0, offset: 0, kind: .limitExceeded),
        TensorCase(dimensions: [16], type: 0, offset: 0, kind: .tensorOverlap),
    ])
    func refusesTensorEntry(_ tensorCase: TensorCase) {
        var builder = GGUFBuilder()
        builder.preamble(tensors: 2, metadata: 0)
        builder.tensor("first", dimensions: [8], type: 0, offset: 32)
        builder.tensor("second", dimensions: tensorCase.dimensions, type: tensorCase.type, offset: tensorCase.offset)
        builder.pad(to: 32)
        builder.bytes += [UInt8](repeating: 0, count: 64)
        let failure = error(builder.bytes)
        #expect(failure?.kind == tensorCase.kind)
        #expect(failure?.offset != nil)
    }

    @Test func acceptsZeroSizedTensors() throws {
        var builder = GGUFBuilder()
        builder.preamble(tensors: 2, metadata: 0)
        builder.tensor("empty", dimensions: [0, 1 << 20], type: 0, offset: 0)
        builder.tensor("scalar", dimensions: [], type: 0, offset: 0)
        builder.pad(to: 32)
        builder.bytes += [UInt8](repeating: 0, count: 4)
        let header = try parse(builder.bytes)
        #expect(header.tensors.map(\.byteRange.count) == [0, 4])
    }

    @Test func mutatedFilesNeverTrap() throws {
        var generator = SeededGenerator.make(for: "GGUFHeader.mutatedFilesNeverTrap")
        let seeds = [try Fixtures.bytes("tiny-v3.gguf"), try Fixtures.bytes("aligned64-v3.gguf"), GGUFBuilder.valid()]
        var accepted = 0
        for round in 0..<3000 {
            let bytes = generator.mutate(seeds[round % seeds.count])
            guard let header = try? parse(bytes) else { continue }
            accepted += 1
            for tensor in header.tensors {
                #expect(tensor.byteRange.upperBound <= bytes.count)
                #expect(tensor.offset % header.alignment == 0)
            }
        }
        for _ in 0..<500 { _ = error(generator.bytes(maximumCount: 256)) }
        #expect(accepted < 3000)
    }

    /// A file with one metadata entry `key` whose type and value `body` writes.
    private func metadataFile(key: String = "k", _ body: (inout GGUFBuilder) -> Void) -> [UInt8] {
        var builder = GGUFBuilder()
        builder.preamble(tensors: 0, metadata: 1)
        builder.string(key)
        body(&builder)
        return builder.bytes
    }
}

struct TensorCase: Sendable, CustomStringConvertible {
    let dimensions: [UInt64]
    let type: UInt32
    let offset: UInt64
    let kind: ModelFileError.Kind

    var description: String { "\(kind) from dimensions \(dimensions), type \(type), offset \(offset)" }
}
