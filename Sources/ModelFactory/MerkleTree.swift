import Sodium

/// The Merkle tree hash of RFC 6962 (Certificate Transparency) over SHA-256: a leaf is
/// SHA-256(0x00 ‖ data), an inner node SHA-256(0x01 ‖ left ‖ right), a list of n > 1 items
/// is split after the largest power of two smaller than n, and the empty list hashes to
/// SHA-256 of nothing. Domain-separated leaves and nodes keep a leaf from posing as a node.
public enum MerkleTree {
    /// The leaf hash of `data`.
    public static func leafHash(_ data: [UInt8]) -> [UInt8] {
        SHA256.hash([0] + data)
    }

    /// The root over already computed leaf hashes.
    public static func root(leafHashes: [[UInt8]]) -> [UInt8] {
        guard !leafHashes.isEmpty else { return SHA256.hash([UInt8]()) }
        return root(leafHashes[...])
    }

    private static func root(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        guard leaves.count > 1 else { return leaves.first! }  // the caller passes at least one
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let middle = leaves.startIndex + split
        return SHA256.hash([1] + root(leaves[..<middle]) + root(leaves[middle...]))
    }
}
