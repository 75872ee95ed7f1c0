import Testing
import TestSupport
@testable import ModelFactory

/// RFC 6962 tree hashes computed with Python's hashlib (items: byte i repeated i + 1 times).
@Suite struct MerkleTreeTests {
    @Test(arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
        (2, "e449187a936d72a12be931fa9e3805c22d852419aff6a60dab9644cc706a052f"),
        (3, "bd1a006735cd8a22a057e795ef3eef176b7decaa8cae5f8a30fa7aafe53b23df"),
        (5, "18905e86210bad694f6ea49e44eeb076e9f10dfdebca44235e7b10d7a12ef88f"),
        (7, "15f290e6a28a2633d48b2b7c86adc7d20596296fdb865166ea8a108e050a30e9"),
    ])
    func matchesPython(_ count: Int, _ expected: String) {
        let items = (0..<count).map { [UInt8](repeating: UInt8($0), count: $0 + 1) }
        #expect(MerkleTree.root(leafHashes: items.map(MerkleTree.leafHash)) == [UInt8](hex: expected))
    }
}
