import Ledger

/// The mempool's caps: geth's defaults per account (16 ready and 64 queued transactions),
/// but 16,384 ready and 4,096 queued in all instead of geth's 5,120 and 1,024. Ready
/// transactions are what waits for finality, so the cap bounds the throughput at about
/// cap / (seconds from arrival to finality): 5,120 over the 2 to 3 seconds of one-second
/// slots allowed about 2,000 transactions a second; 16,384 leaves room for 5,000. Queued
/// ones wait for a transaction before them that gossip delivers later, which happens more
/// often the more are in flight, so their cap grew in proportion.
public struct MempoolLimits: Sendable, Equatable {
    /// Ready transactions (contiguous from the account's nonce) kept per account.
    public var readyPerAccountMax = 16
    /// Queued transactions (beyond a nonce gap) kept per account.
    public var queuedPerAccountMax = 64
    /// Ready transactions kept in all.
    public var readyMax = 16_384
    /// Queued transactions kept in all.
    public var queuedMax = 4_096
    /// How far ahead of the account's nonce a transaction may be.
    public var nonceLookaheadMax: UInt64 = 1_024
    /// A replacement must raise the fee by at least this many percent.
    public var replacementBumpPercent: Amount = 10

    public init() {}

    public static let standard = MempoolLimits()
}
