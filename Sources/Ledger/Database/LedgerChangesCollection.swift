import Store

/// Collects a batch's changes from its `LedgerState` — sorting the written keys and encoding
/// the records written — on a second thread (`SideWork`), while the calling thread writes the query
/// rows that need only the outcomes and the payouts (`LedgerDatabase.commit`).
///
/// Both sides only read the state, which nothing writes until both have ended; the
/// changes are the same on whichever thread they are collected.
final class LedgerChangesCollection: @unchecked Sendable {
    /// The fewest transactions for which the collection moves to a second thread; below it,
    /// the hand-over costs more than it saves.
    static let concurrentTransactionCountMin = 256

    private let state: LedgerState
    /// The changes, once `collect(alongside:)` has returned.
    private(set) var changes = LedgerChanges()

    init(state: LedgerState) {
        self.state = state
    }

    /// Runs `body` on this thread while the changes are collected on another when there
    /// are at least `transactionCount` ≥ `concurrentTransactionCountMin` transactions, and
    /// returns the changes once both have ended.
    func collect(transactionCount: Int, alongside body: () throws -> Void) throws -> LedgerChanges {
        guard transactionCount >= Self.concurrentTransactionCountMin else {
            changes = state.batch
            try body()
            return changes
        }
        let collection = SideWork { self.changes = self.state.batch }
        let result = Result { try body() }
        collection.finish()
        try result.get()
        return changes
    }
}
