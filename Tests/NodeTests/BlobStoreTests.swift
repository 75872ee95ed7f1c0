import Foundation
import Sodium
import Testing
@testable import Node

@Suite("BlobStore")
struct BlobStoreTests {
    private func makeStore() throws -> BlobStore {
        try BlobStore(root: NSTemporaryDirectory() + "oln-blobs-\(UUID().uuidString)")
    }

    @Test("a stored blob comes back under its BLAKE2b-256 hash; storing it again changes nothing")
    func roundTrip() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let bytes = Array("a datanet payload".utf8)
        let hash = try store.put(bytes)
        #expect(hash == BLAKE2b256.hash(bytes))
        #expect(try store.put(bytes) == hash)
        #expect(try store.get(hash) == bytes)
        #expect(store.contains(hash))
        #expect(store.path(of: hash).hasSuffix("/" + hash.prefix(1).map { String(format: "%02x", $0) }.joined()
            + "/" + hash.map { String(format: "%02x", $0) }.joined()))
        try store.remove(hash)
        #expect(!store.contains(hash))
        #expect(try store.get(hash) == nil)
    }

    @Test("a corrupted file is reported, not returned")
    func corruption() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let hash = try store.put([1, 2, 3])
        try Data([1, 2, 4]).write(to: URL(fileURLWithPath: store.path(of: hash)))
        #expect(throws: NodeError.self) { try store.get(hash) }
    }

    @Test("a hash of the wrong length is refused with an error")
    func badHash() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        #expect(throws: NodeError.self) { try store.get([1, 2, 3]) }
        #expect(!store.contains([]))
    }
}
