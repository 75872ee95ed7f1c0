import Ledger

/// The mempool's caps (geth's defaults: 16 ready and 64 queued transactions per account,
/// 5,120 ready and 1,024 queued in all).
public struct MempoolLimits: Sendable, Equatable {
    /// Ready transactions (contiguous from the account's nonce) kept per account.
    public var readyPerAccountMax = 16
    /// Queued transactions (beyond a nonce gap) kept per account.
    public var queuedPerAccountMax = 64
    /// Ready transactions kept in all.
    public var readyMax = 5_120
    /// Queued transactions kept in all.
    public var queuedMax = 1_024
    /// How far ahead of the account's nonce a transaction may be.
    public var nonceLookaheadMax: UInt64 = 1_024
    /// A replacement must raise the fee by at least this many percent.
    public var replacementBumpPercent: Amount = 10

    public init() {}

    public static let standard = MempoolLimits()
}
