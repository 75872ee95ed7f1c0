/// Sizes shared by the ledger's canonical messages (docs/transactions.proto).
public enum LedgerEncoding {
    /// The longest amount on the wire: an unsigned 128-bit integer, big-endian, without
    /// leading zero bytes.
    public static let amountByteCountMax = 16
    /// Hashes, roots and ids: BLAKE2b-256.
    public static let hashByteCount = 32
}
