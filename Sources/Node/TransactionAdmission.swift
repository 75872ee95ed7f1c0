import Ledger

/// What a node does with a transaction offered to it (from gossip or submitted locally),
/// given the ledger's inclusion check against its own state: pool it (with the nonce the
/// account is at), reject it (the sender's fault: its peer is penalised), ignore it, or hold
/// it until the node has caught up.
///
/// A node still catching up checks against old state, so a fee its balance does not cover
/// yet may well be covered at the chain's head (the funding transfer is in a batch not
/// synced yet): such a transaction is held, passed on to peers, and offered to the pool
/// again once the node has caught up, instead of being dropped.
enum TransactionAdmission: Equatable {
    /// Into the mempool, the account being at `accountNonce`.
    case pool(accountNonce: UInt64)
    case reject
    case ignore
    case hold

    /// The decision for `transaction`, whose inclusion check gave `rejection` (nil: it can
    /// be included now).
    static func decide(_ rejection: TransactionRejection?, nonce: UInt64, catchingUp: Bool) -> TransactionAdmission {
        switch rejection {
        case nil:
            return .pool(accountNonce: nonce)
        case .nonceMismatch(let expected, let actual) where actual > expected:
            return .pool(accountNonce: expected)
        case .invalidEnvelope?, .feeBelowMinimum?:
            return .reject
        case .feeNotCovered? where catchingUp:
            return .hold
        case .nonceMismatch?, .expired?, .feeNotCovered?:
            return .ignore
        }
    }
}
