import Foundation
import Testing
@testable import Node

@Suite("DurableFile")
struct DurableFileTests {
    @Test("writes replace the file whole and leave no temporary file; reads give nil for a missing file")
    func replace() throws {
        let directory = NSTemporaryDirectory() + "oln-durable-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/consensus.state"
        #expect(try DurableFile.read(path) == nil)
        try DurableFile.write([1, 2, 3, 4], to: path)
        try DurableFile.write([9], to: path)
        #expect(try DurableFile.read(path) == [9])
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o077 } == 0)
    }

    @Test("a write into a missing directory fails with a message")
    func failure() {
        #expect(throws: NodeError.self) { try DurableFile.write([1], to: "/nonexistent-\(UUID().uuidString)/file") }
    }
}
