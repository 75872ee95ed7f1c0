import Store

/// Collects a batch's changes from its `LedgerState` — encoding the records written, and
/// preparing the state changes for the store (bucket hashes, stored order) — on a second thread (`SideWork`), while the calling thread writes the query rows
/// that need only the outcomes and the payouts (`LedgerDatabase.commit`).
///
/// Both sides only read the state, which nothing writes until both have ended; the
/// changes are the same on whichever thread they are collected.
final class LedgerChangesCollection: @unchecked Sendable {
    /// The fewest transactions for which the collection moves to a second thread; below it,
    /// the hand-over costs more than it saves.
    static let concurrentTransactionCountMin = 256

    private let state: LedgerState
    /// The changes and the state changes prepared from them, once `collect` has run.
    private var collected: Result<(LedgerChanges, PreparedStateChanges), StoreError>?

    init(state: LedgerState) {
        self.state = state
    }

    /// Runs `body` on this thread while the changes are collected on another when there
    /// are at least `transactionCount` ≥ `concurrentTransactionCountMin` transactions, and
    /// returns the changes once both have ended.
    func collect(transactionCount: Int,
                 alongside body: () throws -> Void) throws -> (changes: LedgerChanges, prepared: PreparedStateChanges) {
        if transactionCount >= Self.concurrentTransactionCountMin {
            let collection = SideWork { self.collectChanges() }
            let result = Result { try body() }
            collection.finish()
            try result.get()
        } else {
            collectChanges()
            try body()
        }
        return try collected!.get()
    }

    private func collectChanges() {
        let changes = state.batch
        collected = Result { () throws(StoreError) in (changes, try changes.preparedStateChanges()) }
    }
}
