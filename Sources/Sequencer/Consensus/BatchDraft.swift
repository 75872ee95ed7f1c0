import Ledger

/// What an executor offers for a new batch: its transactions, in order, and the state root
/// after applying them on top of the head. The consensus machine makes the header from it
/// and signs it.
public struct BatchDraft: Sendable {
    public var transactions: [SignedTransaction]
    /// The state root after the transactions (32 bytes).
    public var stateRoot: [UInt8]

    public init(transactions: [SignedTransaction], stateRoot: [UInt8]) {
        self.transactions = transactions
        self.stateRoot = stateRoot
    }
}
