import Sodium

/// Identifiers of the things transactions create (datanets, contributions, proposals,
/// receipts, challenges): BLAKE2b-256("oln-id" ‖ sender ‖ nonce (u64 BE)). A sender knows
/// the identifier before the transaction is included, and no two transactions share one.
public enum LedgerIdentifier {
    public static func derive(sender: AccountAddress, nonce: UInt64) -> [UInt8] {
        var preimage: [UInt8] = []
        preimage.reserveCapacity(domainTag.count + AccountAddress.byteCount + 8)
        preimage.append(contentsOf: domainTag)
        preimage.append(contentsOf: sender.bytes)
        withUnsafeBytes(of: nonce.bigEndian) { preimage.append(contentsOf: $0) }
        return BLAKE2b256.hash(preimage)
    }

    /// The domain tag in front of every identifier's preimage.
    private static let domainTag = Array("oln-id".utf8)
}
