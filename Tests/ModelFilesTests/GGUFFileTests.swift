import ModelFiles
import Testing

@Suite("GGUFFile")
struct GGUFFileTests {
    @Test func mappedTensorsDequantizeToGGUFPyValues() throws {
        let file = try GGUFFile(contentsOfFile: Fixtures.path("tiny-v3.gguf"))
        #expect(file.buffer.isMapped)
        for expected in Fixtures.expected.tinyV3.tensors {
            let tensor = try #require(file.tensor(named: expected.name))
            #expect(tensor.dimensions == expected.dimensions)
            #expect(tensor.byteRange.lowerBound == expected.fileOffset)
            if let values = expected.floats {
                #expect(try tensor.dequantize() == values, "\(expected.name)")
            }
            if let integers = expected.integers {
                let stored = tensor.withUnsafeBytes { bytes in
                    (0..<tensor.elementCount).map {
                        Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))
                    }
                }
                #expect(stored == integers)
            }
        }
    }

    @Test func unsupportedTypesAreViewedButNotDequantized() throws {
        let file = try GGUFFile(contentsOfFile: Fixtures.path("tiny-v3.gguf"))
        let kQuant = try #require(file.tensor(named: "q4_k.row"))
        #expect(kQuant.type == .q4_k)
        #expect(kQuant.byteRange.count == 144)
        #expect(throws: ModelFileError.self) { try kQuant.dequantize() }
        #expect(file.tensor(named: "absent") == nil)
    }

    @Test func bytesInMemoryParseLikeTheMappedFile() throws {
        let bytes = try Fixtures.bytes("aligned64-v3.gguf")
        let copy = try GGUFFile(bytes: bytes)
        let mapped = try GGUFFile(contentsOfFile: Fixtures.path("aligned64-v3.gguf"))
        #expect(!copy.buffer.isMapped)
        #expect(copy.header.tensors == mapped.header.tensors)
        #expect(copy["general.alignment"] == .uint32(64))
        for (left, right) in zip(copy.tensors, mapped.tensors) {
            #expect(try left.dequantize() == right.dequantize())
        }
    }

    @Test func missingFilesAndFoldersAreFileSystemErrors() {
        #expect(throws: ModelFileError.self) { try GGUFFile(contentsOfFile: Fixtures.path("absent.gguf")) }
        do {
            _ = try GGUFFile(contentsOfFile: Fixtures.folder)
            Issue.record("a folder opened as a file")
        } catch {
            #expect(error.kind == .fileSystem)
        }
    }
}
