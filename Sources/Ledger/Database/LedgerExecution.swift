import Identity
import Store

/// A batch run on the state in memory by `LedgerDatabase.simulate` (a validator checking a
/// proposal's root, a leader drafting): its outcomes, its changes, the root they give, and
/// the root of the state it ran on. Applying the same batch on the same state next (the
/// proposal that was checked is finalized) writes these changes instead of running the
/// batch again.
struct LedgerExecution {
    let height: UInt64
    let time: UInt64
    let leader: AccountAddress?
    /// The transactions run, in order; rejected ones leave no trace in `changes`.
    var transactions: [SignedTransaction]
    var outcomes: [TransactionOutcome]
    let changes: LedgerChanges
    let prepared: PreparedStateChanges
    /// The state root after the batch.
    let stateRoot: [UInt8]
    /// The state root the batch ran on.
    let baseRoot: [UInt8]

    /// Whether this is a run of `batch` on the state whose root is `baseRoot`.
    func matches(_ batch: LedgerBatch, baseRoot: [UInt8]) -> Bool {
        height == batch.height && time == batch.time && leader == batch.leader && self.baseRoot == baseRoot
            && transactions.count == batch.transactions.count
            && zip(transactions, batch.transactions).allSatisfy { $0.envelopeBytes == $1.envelopeBytes }
    }

    /// The positions of the transactions that were not rejected.
    var includedPositions: [Int] {
        outcomes.indices.filter { outcomes[$0].status != "rejected" }
    }

    /// The same run for the batch of the transactions at `positions` alone: the rejected
    /// ones left out changed nothing.
    func keeping(_ positions: [Int]) -> LedgerExecution {
        var kept = self
        kept.transactions = positions.map { transactions[$0] }
        kept.outcomes = positions.map { outcomes[$0] }
        return kept
    }
}
