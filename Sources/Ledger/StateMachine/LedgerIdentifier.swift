import Sodium

/// Identifiers of the things transactions create (datanets, contributions, proposals,
/// receipts, challenges): BLAKE2b-256("oln-id" ‖ sender ‖ nonce (u64 BE)). A sender knows
/// the identifier before the transaction is included, and no two transactions share one.
public enum LedgerIdentifier {
    public static func derive(sender: AccountAddress, nonce: UInt64) -> [UInt8] {
        BLAKE2b256.hash(Array("oln-id".utf8) + sender.bytes + StateKey.bigEndian(nonce))
    }
}
