import Foundation
import ModelFiles
import Testing

@Suite("ModelFileBuffer")
struct ModelFileBufferTests {
    @Test func mapsAFileReadOnly() throws {
        let buffer = try ModelFileBuffer(mappingFileAt: Fixtures.path("tiny-v3.gguf"))
        #expect(buffer.isMapped)
        #expect(Array(buffer.bytes) == (try Fixtures.bytes("tiny-v3.gguf")))
        #expect(Int(bitPattern: buffer.bytes.baseAddress) % 4096 == 0)
    }

    @Test func copiesBytesAligned() {
        let buffer = ModelFileBuffer(copying: [1, 2, 3])
        #expect(!buffer.isMapped)
        #expect(Array(buffer.bytes) == [1, 2, 3])
        #expect(Int(bitPattern: buffer.bytes.baseAddress) % 64 == 0)
        #expect(ModelFileBuffer(copying: []).count == 0)
    }

    @Test func emptyFilesAreEmptyBuffers() throws {
        let path = Fixtures.temporaryPath("empty")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let buffer = try ModelFileBuffer(mappingFileAt: path)
        #expect(buffer.count == 0)
        #expect(throws: ModelFileError.self) { try GGUFFile(buffer: buffer) }
    }

    @Test func refusesWhatIsNotARegularFile() {
        for path in ["/nonexistent/model.gguf", Fixtures.folder, "/dev/null"] {
            do {
                _ = try ModelFileBuffer(mappingFileAt: path)
                Issue.record("mapped \(path)")
            } catch {
                #expect(error.kind == .fileSystem, "\(path)")
            }
        }
    }
}
