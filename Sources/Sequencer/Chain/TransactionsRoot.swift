import Ledger
import Sodium

/// The root a batch header commits to: a binary Merkle tree over the transactions'
/// envelope ids in batch order, shaped as RFC 6962 (the left subtree holds the largest
/// power of two below the count).
///
///     leaf = BLAKE2b-256(0x00 ‖ id)     node = BLAKE2b-256(0x01 ‖ left ‖ right)
///     no transactions: 32 zero bytes
public enum TransactionsRoot {
    public static func root(of transactions: [SignedTransaction]) -> [UInt8] {
        root(ofIDs: transactions.map(\.id))
    }

    public static func root(ofIDs ids: [[UInt8]]) -> [UInt8] {
        guard !ids.isEmpty else { return [UInt8](repeating: 0, count: 32) }
        return subtree(ids.map { BLAKE2b256.hash([0x00] + $0) }[...])
    }

    private static func subtree(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        guard leaves.count > 1 else { return leaves.first! }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let left = subtree(leaves.prefix(split))
        let right = subtree(leaves.dropFirst(split))
        var hasher = BLAKE2b256Hasher()
        hasher.update([0x01])
        hasher.update(left)
        hasher.update(right)
        return hasher.finalize()
    }
}
