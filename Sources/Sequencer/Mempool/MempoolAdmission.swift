import Ledger

/// What the mempool did with an offered transaction.
public enum MempoolAdmission: Sendable, Equatable {
    /// Kept; `ready` when its nonce continues the account's sequence.
    case added(ready: Bool)
    /// Kept in place of a transaction with the same sender and nonce and a lower fee.
    case replaced
    /// Not kept, for the reason given.
    case refused(MempoolRefusal)
}

/// Why the mempool did not keep a transaction. Counted per reason.
public enum MempoolRefusal: String, Sendable, Equatable, CaseIterable {
    /// Its nonce was already used on chain.
    case staleNonce = "stale_nonce"
    /// Its nonce is too far ahead of the account's.
    case nonceTooFarAhead = "nonce_too_far_ahead"
    /// Already expired at the time offered.
    case expired
    /// Fee below the minimum for its kind and size.
    case feeTooLow = "fee_too_low"
    /// The same transaction is already held.
    case known
    /// Same sender and nonce as a held transaction, and less than the required fee bump.
    case underpricedReplacement = "underpriced_replacement"
    /// The account's or the pool's cap is reached and it does not outbid what is held.
    case full
}
