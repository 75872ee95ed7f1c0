import Identity
import Store

/// Trying a batch without keeping it: what validators do with a proposal, and leaders with
/// their candidates.
extension LedgerDatabase {
    /// What applying `batch` would give — outcomes and state root — without keeping
    /// anything. Transactions that cannot be included are reported as rejected instead of
    /// refusing the batch.
    ///
    /// The batch runs on the state in memory; its root is computed in a SQLite transaction
    /// that writes no row and is rolled back. The run is kept, so that applying this batch
    /// next, on this state, writes its changes instead of running it again (and simulating
    /// it again returns the same result at once).
    public func simulate(_ batch: LedgerBatch) throws -> BatchResult {
        let execution = try executeInMemory(batch)
        return BatchResult(height: batch.height, stateRoot: execution.stateRoot, outcomes: execution.outcomes)
    }

    /// A batch for a leader to propose: the candidates that can be included, in order, at
    /// `time`, and the result of applying them (not kept). Rejected candidates have no
    /// effect on the state, so the root is that of the batch without them.
    public func build(height: UInt64, time: UInt64, leader: AccountAddress?,
                      candidates: [PreverifiedTransaction]) throws -> (batch: LedgerBatch, result: BatchResult) {
        let trial = LedgerBatch(height: height, time: time, leader: leader, preverified: candidates)
        let full = try executeInMemory(trial)
        let included = full.includedPositions
        let kept = included.map { candidates[$0] }
        let execution = full.keeping(included)
        lastExecution = execution
        let batch = LedgerBatch(height: height, time: time, leader: leader, preverified: kept)
        return (batch, BatchResult(height: height, stateRoot: execution.stateRoot, outcomes: execution.outcomes))
    }

    private struct ComputedRoot: Error {
        let root: [UInt8]
    }

    /// Runs `batch` on the state in memory and computes its root, or returns the last run
    /// when it was this batch on this state.
    private func executeInMemory(_ batch: LedgerBatch) throws -> LedgerExecution {
        try checkFollows(batch)
        let state = currentState()
        let baseRoot = stateStore.root
        if let last = lastExecution, last.matches(batch, baseRoot: baseRoot) { return last }
        lastExecution = nil
        state.beginBatch()
        defer { state.discardBatch() }
        let outcomes = try runMachine(batch, on: state)
        let changes = state.batch
        let prepared = try changes.preparedStateChanges()
        let stateRoot: [UInt8]
        do {
            _ = try database.transaction { () throws -> Void in
                throw ComputedRoot(root: try stateStore.root(after: prepared))
            }
            preconditionFailure("the root's transaction is always rolled back")
        } catch let computed as ComputedRoot {
            stateRoot = computed.root
        }
        let execution = LedgerExecution(height: batch.height, time: batch.time, leader: batch.leader,
                                        transactions: batch.transactions, outcomes: outcomes, changes: changes,
                                        prepared: prepared, stateRoot: stateRoot, baseRoot: baseRoot)
        lastExecution = execution
        return execution
    }
}
