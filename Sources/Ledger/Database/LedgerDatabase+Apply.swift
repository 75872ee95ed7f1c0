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
        let result = try execute(batch, archive: archive, epochs: epochs)
        try reloadChain()
        return result
    }

    /// Applies `batch`: writes the changes of the last simulation when it ran this batch on
    /// this state, or else runs the batch inside the SQLite transaction.
    private func execute(_ batch: LedgerBatch, archive: ArchivedBatch?,
                         epochs: ((LedgerDatabase) throws -> EpochRows?)?) throws -> BatchResult {
        try checkFollows(batch)
        let state = currentState()
        let reused = lastExecution.flatMap { $0.matches(batch, baseRoot: stateStore.root) ? $0 : nil }
        lastExecution = nil
        state.beginBatch()
        do {
            let result: BatchResult
            if let reused {
                try Self.checkIncluded(reused.outcomes)
                state.replay(reused.changes)
                let deferringRows = commitsInBackground && epochs == nil
                result = try database.transaction(committingInBackground: commitsInBackground) {
                    try commit(reused, height: batch.height, time: batch.time, leader: batch.leader,
                               transactions: batch.transactions, deferringRows: deferringRows)
                    return try finish(batch, outcomes: reused.outcomes, archive: archive, epochs: epochs,
                                      deferringRows: deferringRows)
                }
            } else {
                result = try run(batch, on: state, archive: archive, epochs: epochs)
            }
            state.commitBatch()
            return result
        } catch {
            state.discardBatch()
            recoverFromFailedCommit()
            throw error
        }
    }

    /// Whether batches commit in the background (`init(path:synchronous:isSoleWriter:commitInBackground:)`).
    var commitsInBackground: Bool {
        reader != nil
    }

    /// Throws unless `batch` can follow the last batch (height and time).
    func checkFollows(_ batch: LedgerBatch) throws {
        guard chainID != nil else { throw LedgerError.notInitialized }
        guard batch.height == height + 1 else {
            throw LedgerError.invalidBatch("height \(batch.height) does not follow \(height)")
        }
        guard batch.time >= time else {
            throw LedgerError.invalidBatch("time \(batch.time) is before the previous batch's \(time)")
        }
    }

    /// Runs `batch` on `state` and writes it, in one SQLite transaction.
    ///
    /// A ledger that commits in the background runs the state machine before that
    /// transaction begins, while the previous batch may still be committing: the machine
    /// reads only keys that batch did not write (the state in memory has those) through the
    /// second connection. Unless epoch rows are to be computed from the written tables, it
    /// also collects the changes and does their bucket work before it waits for that commit,
    /// and leaves the rows to the committing thread. Any other ledger runs the machine
    /// inside the transaction, so that its reads see one snapshot.
    private func run(_ batch: LedgerBatch, on state: LedgerState, archive: ArchivedBatch?,
                     epochs: ((LedgerDatabase) throws -> EpochRows?)?) throws -> BatchResult {
        guard commitsInBackground else {
            return try database.transaction { () throws -> BatchResult in
                let outcomes = try runMachine(batch, on: state)
                try Self.checkIncluded(outcomes)
                try commit(state, height: batch.height, time: batch.time, leader: batch.leader,
                           outcomes: outcomes, transactions: batch.transactions)
                return try finish(batch, outcomes: outcomes, archive: archive, epochs: epochs, deferringRows: false)
            }
        }
        let outcomes = try runMachine(batch, on: state)
        try Self.checkIncluded(outcomes)
        guard epochs == nil else {
            return try database.transaction(committingInBackground: true) { () throws -> BatchResult in
                try commit(state, height: batch.height, time: batch.time, leader: batch.leader,
                           outcomes: outcomes, transactions: batch.transactions)
                return try finish(batch, outcomes: outcomes, archive: archive, epochs: epochs, deferringRows: false)
            }
        }
        let changes = state.batch
        let prepared = try changes.preparedStateChanges()
        let ahead = try reader.map { try stateStore.prepareAhead(prepared, reader: $0) } ?? nil
        let rows = BatchRows(height: batch.height, time: batch.time, leader: batch.leader,
                             transactions: batch.transactions, outcomes: outcomes, changes: changes)
        return try database.transaction(committingInBackground: true) { () throws -> BatchResult in
            try writeDeferringRows(rows, prepared: prepared, ahead: ahead)
            return try finish(batch, outcomes: outcomes, archive: archive, epochs: nil, deferringRows: true)
        }
    }

    /// Throws unless every transaction of a batch to apply can be included.
    private static func checkIncluded(_ outcomes: [TransactionOutcome]) throws {
        if let index = outcomes.firstIndex(where: { $0.status == "rejected" }), case .rejected(let why) = outcomes[index] {
            throw LedgerError.invalidBatch("transaction \(index) cannot be included: \(why)")
        }
    }

    /// Runs the state machine over `batch` on `state`, and moves the chain record to it.
    func runMachine(_ batch: LedgerBatch, on state: LedgerState) throws -> [TransactionOutcome] {
        guard let chainID else { throw LedgerError.notInitialized }
        var machine = LedgerStateMachine(chainID: chainID, state: state, batch: batch,
                                         parameters: try Self.parameters(in: state))
        let outcomes = try machine.run()
        var chain = try state.record(ChainRecord.self, at: StateKey.chain)!
        (chain.height, chain.time) = (batch.height, batch.time)
        state.setRecord(chain, at: StateKey.chain)
        return outcomes
    }

    /// Writes the archive and the epoch rows of a batch whose changes are written, and
    /// returns its result.
    private func finish(_ batch: LedgerBatch, outcomes: [TransactionOutcome], archive: ArchivedBatch?,
                        epochs: ((LedgerDatabase) throws -> EpochRows?)?, deferringRows: Bool) throws -> BatchResult {
        if let archive {
            if deferringRows {
                database.writeBeforeCommit { [self] in try writeArchive(archive, height: batch.height) }
            } else {
                try writeArchive(archive, height: batch.height)
            }
        }
        if let kept = try epochs?(self) { try writeConsensusEpochRows(kept.rows, keepingFrom: kept.keepingFrom) }
        return BatchResult(height: batch.height, stateRoot: stateStore.root, outcomes: outcomes)
    }

    /// Why `transaction` could not be included in a batch at `time` on the current
    /// state, or nil: what a mempool asks before accepting it.
    public func inclusionCheck(_ transaction: SignedTransaction, at time: UInt64) throws -> TransactionRejection? {
        guard let chainID else { throw LedgerError.notInitialized }
        let state = currentState()
        let batch = LedgerBatch(height: height + 1, time: time, leader: nil, transactions: [])
        let machine = LedgerStateMachine(chainID: chainID, state: state, batch: batch, parameters: try cachedParameters(of: state))
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

    /// The parameters in effect: read from the state once per state root (a mempool asks
    /// for them with every transaction it admits); during a batch, from its state.
    public func parameters() throws -> LedgerParameters {
        try cachedParameters(of: currentState())
    }

    /// The parameters in effect in `state` (this database's current state).
    private func cachedParameters(of state: LedgerState) throws -> LedgerParameters {
        guard !state.isInBatch else { return try Self.parameters(in: state) }
        let root = stateStore.root
        if let cached = parametersCache, cached.root == root { return cached.parameters }
        let parameters = try Self.parameters(in: state)
        parametersCache = (root, parameters)
        return parameters
    }
}

/// The outcome of applying one batch.
public struct BatchResult: Sendable, Equatable {
    public var height: UInt64
    public var stateRoot: [UInt8]
    public var outcomes: [TransactionOutcome]
}
