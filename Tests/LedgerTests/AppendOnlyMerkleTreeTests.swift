import Sodium
import TestSupport
import Testing
import Wire
@testable import Ledger

/// The frontier Merkle tree that names datanet versions: `AppendOnlyMerkleTree`.
@Suite("AppendOnlyMerkleTree")
struct AppendOnlyMerkleTreeTests {
    /// Item `i` is 32 bytes of value `i`.
    static func items(_ count: Int) -> [[UInt8]] {
        (0..<count).map { [UInt8](repeating: UInt8($0), count: 32) }
    }

    /// The root of the full binary tree of depth 32 from the type's definition, level by
    /// level: the leaves appended, then empty leaves (32 zero bytes) to the right; a level
    /// is padded with the hash of an empty subtree of its height, which stands for the
    /// 2^32 − count empty leaves without listing them.
    static func naiveRoot(_ items: [[UInt8]]) -> [UInt8] {
        var empty = [UInt8](repeating: 0, count: 32)
        var level = items.map { BLAKE2b256.hash([0x00] + $0) }
        for _ in 0..<32 {
            if level.count % 2 == 1 { level.append(empty) }
            level = stride(from: 0, to: level.count, by: 2).map { BLAKE2b256.hash([0x01] + level[$0] + level[$0 + 1]) }
            empty = BLAKE2b256.hash([0x01] + empty + empty)
        }
        let top = level.first ?? empty
        let count = UInt64(items.count)
        return BLAKE2b256.hash([0x02] + top + (0..<8).map { UInt8(truncatingIfNeeded: count >> (56 - 8 * $0)) })
    }

    /// Roots printed by Python's hashlib.blake2b(digest_size=32) on the same definition.
    static let pythonRoots: [Int: String] = [
        0: "aa2c8a1298130c012a3971c9b356ac197f15e9e9cd7b7423a20519989aa67e11",
        1: "34981b8b384174344b2921315961a43a756afc07e4f42c6c85bbff4aa133d249",
        2: "b441df16711854e78698cac6682ea0e4a0c307a879a510e66a90f690c5cefad9",
        3: "fa693aaaf87ad6e97136d1e0ae2b84275b1bbb41e6835fdcdf6ebd864abfcb3d",
        5: "f550317727520aafabad51fdcc9796cbc61f3a20ce423d30d9acf2ea0c74919d",
        8: "2ab971c64d81c21c15f57debc9e03d1ee4c8f667a04bda63c3f63b7b6e4637e9",
        33: "060d3f5135f11c699a7dd109118dde907a731610ea8df36bb42a8833181436ff",
    ]

    @Test("the root equals the naive full tree's and the Python vector", arguments: [0, 1, 2, 3, 5, 8, 33])
    func root(count: Int) throws {
        var tree = AppendOnlyMerkleTree()
        for item in Self.items(count) { tree.append(item) }
        #expect(tree.count == UInt64(count))
        #expect(tree.root == Self.naiveRoot(Self.items(count)))
        #expect(tree.root == hex(try #require(Self.pythonRoots[count])))
    }

    @Test("every prefix of 70 random items has the naive root")
    func prefixes() {
        var generator = SeededGenerator.make(for: "AppendOnlyMerkleTree.prefixes")
        let items = (0..<70).map { _ in generator.bytes(count: 32) }
        var tree = AppendOnlyMerkleTree()
        for count in 1...items.count {
            tree.append(items[count - 1])
            #expect(tree.root == Self.naiveRoot(Array(items.prefix(count))), "after \(count) items")
        }
    }

    @Test("encoding and decoding keeps the count and root, and appending goes on alike",
          arguments: [0, 1, 2, 3, 5, 8, 33])
    func roundTrip(count: Int) throws {
        var tree = AppendOnlyMerkleTree()
        for item in Self.items(count) { tree.append(item) }
        var decoded = try AppendOnlyMerkleTree.decodeStored(tree.encoded)
        #expect(decoded == tree)
        #expect(decoded.root == tree.root)
        #expect(decoded.encoded == tree.encoded)
        let next = [UInt8](repeating: 0xee, count: 32)
        decoded.append(next)
        tree.append(next)
        #expect(decoded.root == tree.root)
        #expect(decoded.root == Self.naiveRoot(Self.items(count) + [next]))
    }

    @Test("a frontier shorter than its count needs, a missing or wrong-sized node, or an unknown field is refused")
    func corrupt() throws {
        var tree = AppendOnlyMerkleTree()
        for item in Self.items(5) { tree.append(item) }
        var shortFrontier = ProtobufWriter()
        shortFrontier.writeVarintIfNonZero(5, field: 1)
        shortFrontier.writeBytes([UInt8](repeating: 1, count: 32), field: 2)
        var wrongSize = ProtobufWriter()
        wrongSize.writeVarintIfNonZero(1, field: 1)
        wrongSize.writeBytes([UInt8](repeating: 1, count: 31), field: 2)
        var tooDeep = ProtobufWriter()
        tooDeep.writeVarintIfNonZero(1, field: 1)
        for _ in 0...AppendOnlyMerkleTree.depth { tooDeep.writeBytes([UInt8](repeating: 1, count: 32), field: 2) }
        var emptyWhereSet = ProtobufWriter()
        emptyWhereSet.writeVarintIfNonZero(5, field: 1)
        for node in [[UInt8](repeating: 1, count: 32), [], []] { emptyWhereSet.writeBytes(node, field: 2) }
        var full = ProtobufWriter()
        full.writeVarintIfNonZero(AppendOnlyMerkleTree.capacity, field: 1)
        for _ in 0..<AppendOnlyMerkleTree.depth { full.writeBytes([UInt8](repeating: 1, count: 32), field: 2) }
        for bytes in [shortFrontier.bytes, wrongSize.bytes, emptyWhereSet.bytes, tooDeep.bytes, full.bytes, tree.encoded + [0x18, 0x01]] {
            #expect(throws: LedgerError.self) { try AppendOnlyMerkleTree.decodeStored(bytes) }
        }
    }

    @Test("random and mutated encodings never trap")
    func decoderProperty() {
        var generator = SeededGenerator.make(for: "AppendOnlyMerkleTree.decoderProperty")
        var tree = AppendOnlyMerkleTree()
        for item in Self.items(13) { tree.append(item) }
        for _ in 0..<2_000 {
            let input = Bool.random(using: &generator) ? generator.mutate(tree.encoded) : generator.bytes(maximumCount: 200)
            if let decoded = try? AppendOnlyMerkleTree.decodeStored(input) {
                _ = decoded.root
            }
        }
    }
}
