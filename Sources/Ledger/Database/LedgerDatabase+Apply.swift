import Store

extension LedgerDatabase {
    /// Applies `batch` in one SQLite transaction and returns each transaction's outcome
    /// and the new state root.
    ///
    /// - Throws: ``LedgerError/invalidBatch(_:)`` if the batch does not follow the last one
    ///   (height, time), or carries a transaction that cannot be included
    ///   (``TransactionOutcome/rejected(_:)``); nothing is written then.
    public func apply(_ batch: LedgerBatch) throws -> BatchResult {
        try apply(batch, archiving: nil)
    }

    /// Applies `batch` and, in the same SQLite transaction, keeps `archive` — the batch as
    /// it travelled and the certificate that finalized it — so that a restarted node knows
    /// its head and peers can fetch history.
    public func apply(_ batch: LedgerBatch, archiving archive: ArchivedBatch?) throws -> BatchResult {
        try apply(batch, archiving: archive, epochs: nil)
    }

    /// What a caller keeps beside a batch: epoch rows, and the lowest epoch number still kept.
    public typealias EpochRows = (rows: [ConsensusEpochRow], keepingFrom: UInt64)

    /// Applies `batch` with `archive` and, in the same SQLite transaction, the consensus
    /// epoch rows that `epochs` returns. `epochs` runs after the batch's changes are written,
    /// so the ledger it is handed (stakes, parameters) shows the state after the batch; if it
    /// throws, nothing is written.
    public func apply(_ batch: LedgerBatch, archiving archive: ArchivedBatch?,
                      epochs: ((LedgerDatabase) throws -> EpochRows?)?) throws -> BatchResult {
        let result = try execute(batch, allowingRejected: false, keeping: true, archive: archive, epochs: epochs)
        try reloadChain()
        return result
    }

    /// What applying `batch` would give — outcomes and state root — without keeping
    /// anything: the batch runs in a SQLite transaction that is rolled back. Transactions
    /// that cannot be included are reported as rejected instead of refusing the batch.
    public func simulate(_ batch: LedgerBatch) throws -> BatchResult {
        do {
            _ = try execute(batch, allowingRejected: true, keeping: false, archive: nil, epochs: nil)
        } catch let rollback as SimulationRollback {
            return rollback.result
        }
        preconditionFailure("a simulated batch is always rolled back")
    }

    /// A batch for a leader to propose: the candidates that can be included, in order, at
    /// `time`, and the result of applying them (not kept). Rejected candidates have no
    /// effect on the state, so the root is that of the batch without them.
    public func build(height: UInt64, time: UInt64, leader: AccountAddress?,
                      candidates: [PreverifiedTransaction]) throws -> (batch: LedgerBatch, result: BatchResult) {
        let trial = LedgerBatch(height: height, time: time, leader: leader, preverified: candidates)
        let result = try simulate(trial)
        let kept = zip(candidates, result.outcomes).filter { $0.1.status != "rejected" }.map(\.0)
        let batch = LedgerBatch(height: height, time: time, leader: leader, preverified: kept)
        let outcomes = result.outcomes.filter { $0.status != "rejected" }
        return (batch, BatchResult(height: height, stateRoot: result.stateRoot, outcomes: outcomes))
    }

    private struct SimulationRollback: Error {
        let result: BatchResult
    }

    private func execute(_ batch: LedgerBatch, allowingRejected: Bool, keeping: Bool, archive: ArchivedBatch?,
                         epochs: ((LedgerDatabase) throws -> EpochRows?)?) throws -> BatchResult {
        guard chainID != nil else { throw LedgerError.notInitialized }
        guard batch.height == height + 1 else {
            throw LedgerError.invalidBatch("height \(batch.height) does not follow \(height)")
        }
        guard batch.time >= time else {
            throw LedgerError.invalidBatch("time \(batch.time) is before the previous batch's \(time)")
        }
        let state = currentState()
        state.beginBatch()
        do {
            let result = try run(batch, on: state, allowingRejected: allowingRejected, keeping: keeping, archive: archive,
                                 epochs: epochs)
            state.commitBatch()
            return result
        } catch {
            state.discardBatch()
            throw error
        }
    }

    /// Runs `batch` on `state` in one SQLite transaction, committed when `keeping`.
    private func run(_ batch: LedgerBatch, on state: LedgerState, allowingRejected: Bool, keeping: Bool,
                     archive: ArchivedBatch?, epochs: ((LedgerDatabase) throws -> EpochRows?)?) throws -> BatchResult {
        guard let chainID else { throw LedgerError.notInitialized }
        return try database.transaction { () throws -> BatchResult in
            var machine = LedgerStateMachine(chainID: chainID, state: state, batch: batch,
                                             parameters: try Self.parameters(in: state))
            let outcomes = try machine.run()
            if !allowingRejected, let index = outcomes.firstIndex(where: { $0.status == "rejected" }),
               case .rejected(let why) = outcomes[index] {
                throw LedgerError.invalidBatch("transaction \(index) cannot be included: \(why)")
            }
            var chain = try state.record(ChainRecord.self, at: StateKey.chain)!
            (chain.height, chain.time) = (batch.height, batch.time)
            state.setRecord(chain, at: StateKey.chain)
            try commit(state, height: batch.height, time: batch.time, leader: batch.leader,
                       outcomes: outcomes, transactions: batch.transactions)
            if let archive { try writeArchive(archive, height: batch.height) }
            if let kept = try epochs?(self) { try writeConsensusEpochRows(kept.rows, keepingFrom: kept.keepingFrom) }
            let result = BatchResult(height: batch.height, stateRoot: stateStore.root, outcomes: outcomes)
            guard keeping else { throw SimulationRollback(result: result) }
            return result
        }
    }

    /// Why `transaction` could not be included in a batch at `time` on the current
    /// state, or nil: what a mempool asks before accepting it.
    public func inclusionCheck(_ transaction: SignedTransaction, at time: UInt64) throws -> TransactionRejection? {
        guard let chainID else { throw LedgerError.notInitialized }
        let state = currentState()
        let batch = LedgerBatch(height: height + 1, time: time, leader: nil, transactions: [])
        let machine = LedgerStateMachine(chainID: chainID, state: state, batch: batch,
                                         parameters: try Self.parameters(in: state))
        return try machine.check(transaction.body, bodyByteCount: transaction.bodyBytes.count,
                                 sender: transaction.signerAddress)
    }

    static func parameters(in state: LedgerState) throws -> LedgerParameters {
        var parameters = LedgerParameters.defaults
        for parameter in GovernedParameter.all {
            guard let stored = try state.record(AmountRecord.self, at: StateKey.parameter(parameter.name)) else {
                throw LedgerError.corruptState("parameter \(parameter.name) is missing")
            }
            parameters[parameter] = stored.amount
        }
        return parameters
    }

    /// The parameters in effect.
    public func parameters() throws -> LedgerParameters {
        try Self.parameters(in: currentState())
    }
}

/// The outcome of applying one batch.
public struct BatchResult: Sendable, Equatable {
    public var height: UInt64
    public var stateRoot: [UInt8]
    public var outcomes: [TransactionOutcome]
}
