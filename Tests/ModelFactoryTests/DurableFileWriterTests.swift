import Foundation
import Testing
@testable import ModelFactory

@Suite struct DurableFileWriterTests {
    @Test func aFullDiskLeavesTheOldFileAndNoPartialOne() throws {
        let folder = try TemporaryDirectory("writer")
        defer { folder.remove() }
        let disk = FullDiskFileSystem(byteBudget: .max)
        let writer = DurableFileWriter(fileSystem: disk)
        let path = folder.path + "/file"
        try writer.write(Array(repeating: 1, count: 5000), toFile: path)
        disk.setBudget(3000)
        let error = try #require(throws: ModelFactoryError.self) { try writer.write(Array(repeating: 2, count: 5000), toFile: path) }
        #expect(error.kind == .fileSystem)
        #expect(try folder.bytes("file") == Array(repeating: 1, count: 5000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file"])
    }

    @Test func writesLargerThanAChunkArriveWhole() throws {
        let folder = try TemporaryDirectory("chunks")
        defer { folder.remove() }
        let bytes = (0..<(DurableFileWriter.chunkByteCount * 2 + 17)).map { UInt8(truncatingIfNeeded: $0 * 31) }
        try DurableFileWriter().write(bytes, toFile: folder.path + "/big")
        #expect(try folder.bytes("big") == bytes)
        #expect(DurableFileWriter.directory(of: "/a/b") == "/a" && DurableFileWriter.directory(of: "b") == ".")
    }

    @Test func aMissingFolderIsAFileSystemError() {
        #expect(throws: ModelFactoryError.self) { try DurableFileWriter().write([1], toFile: "/nonexistent-folder-x/file") }
    }
}
