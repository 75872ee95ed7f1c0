import Foundation
import Testing
import TestSupport
@testable import Identity

@Suite("KeyFile")
struct KeyFileTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "oln-keyfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test("a written key file has mode 0600 and reads back as the same key")
    func writeAndRead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/node.key"
        let key = IdentityKey()
        try KeyFile.write(key, to: path, overwrite: false)
        #expect(try mode(of: path) == 0o600)
        let loaded = try KeyFile.read(from: path)
        #expect(loaded.peerID == key.peerID)
        #expect(loaded.accountAddress == key.accountAddress)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["node.key"])
    }

    @Test("an existing key is not overwritten unless asked")
    func noOverwrite() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/node.key"
        let first = IdentityKey()
        try KeyFile.write(first, to: path, overwrite: false)
        #expect(throws: KeyFileError.alreadyExists(path: path)) {
            try KeyFile.write(IdentityKey(), to: path, overwrite: false)
        }
        #expect(try KeyFile.read(from: path).peerID == first.peerID)
        let second = IdentityKey()
        try KeyFile.write(second, to: path, overwrite: true)
        #expect(try KeyFile.read(from: path).peerID == second.peerID)
    }

    @Test("a key file that group or others can access is refused", arguments: [0o644, 0o640, 0o604, 0o660, 0o601])
    func refusesOpenPermissions(permissions: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/node.key"
        try KeyFile.write(IdentityKey(), to: path, overwrite: false)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        #expect(throws: KeyFileError.readableByOthers(path: path, mode: UInt32(permissions))) {
            try KeyFile.read(from: path)
        }
    }

    @Test("missing files, folders and oversized files get clear errors")
    func fileSystemErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: KeyFileError.notFound(path: directory + "/absent.key")) {
            try KeyFile.read(from: directory + "/absent.key")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        #expect(throws: KeyFileError.notRegularFile(path: directory)) { try KeyFile.read(from: directory) }
        let large = directory + "/large.key"
        _ = FileManager.default.createFile(atPath: large, contents: Data(count: 5000), attributes: [.posixPermissions: 0o600])
        #expect(throws: KeyFileError.tooLarge(path: large, byteCount: 5000, limit: KeyFile.byteCountMax)) {
            try KeyFile.read(from: large)
        }
    }

    @Test("contents that are not a valid key file are refused", arguments: [
        "", "[]", "{", "{\"type\":\"ed25519\"}", "{\"type\":\"rsa\",\"private_key\":\"AAAA\"}",
        "{\"type\":\"ed25519\",\"private_key\":\"not base64!\"}",
        "{\"type\":\"ed25519\",\"private_key\":\"CAESIA==\"}",
    ])
    func refusesMalformed(contents: String) {
        #expect(throws: KeyFileError.self) { try KeyFile.decode(Array(contents.utf8)) }
    }

    @Test("a peer id or address that does not belong to the key is refused")
    func refusesMismatchedLabels() throws {
        let key = IdentityKey()
        let other = IdentityKey()
        var text = String(decoding: KeyFile.encode(key), as: UTF8.self)
        text = text.replacingOccurrences(of: key.peerID.description, with: other.peerID.description)
        #expect(throws: KeyFileError.self) { try KeyFile.decode(Array(text.utf8)) }
        let decoded = try KeyFile.decode(KeyFile.encode(key))
        #expect(decoded.peerID == key.peerID)
    }
}
