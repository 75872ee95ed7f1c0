import Store

extension LedgerDatabase: LedgerStorage {
    /// The stored value of `key`; while a batch commits in the background, as the second
    /// connection sees it (the state asks only for keys that batch did not write).
    func stateValue(for key: [UInt8]) throws(LedgerError) -> [UInt8]? {
        do {
            if let reader, database.isCommitPending {
                return try stateStore.value(for: key, readingFrom: reader)
            }
            return try stateStore.value(for: key)
        } catch {
            throw .storage("reading state: \(error)")
        }
    }

    /// The scheduled events due by `time`; while a batch commits in the background, the
    /// rows the second connection sees that the committing batch did not remove (due after
    /// its time) together with the events it added (`committingSchedule`).
    func dueEvents(upTo time: UInt64) throws(LedgerError) -> [ScheduledEvent] {
        do {
            guard let reader, database.isCommitPending, let committing = committingSchedule else {
                return try Self.scheduledEvents(in: database, dueAfter: nil, upTo: time)
            }
            let added = committing.events.filter { Int64(bitPattern: $0.due) <= Int64(bitPattern: time) }
            let stored = try Self.scheduledEvents(in: reader, dueAfter: committing.time, upTo: time)
            return Set(stored + added).sorted { Self.isScheduledBefore($0, $1) }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .storage("reading the schedule: \(error)")
        }
    }

    /// The order of the schedule table: `due` as SQLite holds it (a signed integer), kind, subject.
    private static func isScheduledBefore(_ left: ScheduledEvent, _ right: ScheduledEvent) -> Bool {
        let (leftDue, rightDue) = (Int64(bitPattern: left.due), Int64(bitPattern: right.due))
        if leftDue != rightDue { return leftDue < rightDue }
        return left < right
    }

    /// The rows of `database`'s schedule with `after < due ≤ time` (no lower bound for nil), in order.
    private static func scheduledEvents(in database: Database, dueAfter after: UInt64?, upTo time: UInt64) throws -> [ScheduledEvent] {
        let statement = try database.cachedStatement(after == nil
            ? "SELECT due, kind, subject FROM schedule WHERE due <= ?1 ORDER BY due, kind, subject"
            : "SELECT due, kind, subject FROM schedule WHERE due <= ?1 AND due > ?2 ORDER BY due, kind, subject")
        defer { statement.reset() }
        try statement.bind(Int64(bitPattern: time), at: 1)
        if let after { try statement.bind(Int64(bitPattern: after), at: 2) }
        var events: [ScheduledEvent] = []
        while try statement.step() {
            guard let kind = ScheduledEvent.Kind(rawValue: statement.int64(at: 1)) else {
                throw LedgerError.corruptState("unknown scheduled event kind \(statement.int64(at: 1))")
            }
            events.append(ScheduledEvent(due: UInt64(bitPattern: statement.int64(at: 0)), kind: kind,
                                         subject: statement.blob(at: 2)))
        }
        return events
    }

    /// Writes one batch's changes, taken from `state`, inside the open SQLite transaction.
    ///
    /// The transaction and payout rows are written while the state's changes are collected
    /// (`LedgerChangesCollection`); the tables are written one by one, so the order among
    /// tables does not change what any of them holds.
    func commit(_ state: LedgerState, height: UInt64, time: UInt64, leader: AccountAddress?,
                outcomes: [TransactionOutcome], transactions: [SignedTransaction]) throws {
        let payouts = state.payoutEvents
        let (changes, prepared) = try LedgerChangesCollection(state: state).collect(transactionCount: transactions.count) {
            try writeTransactions(transactions, outcomes: outcomes, height: height)
            try writePayouts(payouts, height: height)
        }
        try write(changes, prepared, height: height, time: time, leader: leader, transactionCount: transactions.count)
    }

    /// Writes a batch run beforehand (`LedgerExecution`) inside the open SQLite transaction,
    /// or leaves its rows to `Database.writeBeforeCommit(_:)` when `deferringRows`.
    func commit(_ execution: LedgerExecution, height: UInt64, time: UInt64, leader: AccountAddress?,
                transactions: [SignedTransaction], deferringRows: Bool) throws {
        if deferringRows {
            let rows = BatchRows(height: height, time: time, leader: leader, transactions: transactions,
                                 outcomes: execution.outcomes, changes: execution.changes)
            return try writeDeferringRows(rows, prepared: execution.prepared)
        }
        try writeTransactions(transactions, outcomes: execution.outcomes, height: height)
        try writePayouts(execution.changes.payouts, height: height)
        try write(execution.changes, execution.prepared, height: height, time: time, leader: leader,
                  transactionCount: transactions.count)
    }

    /// What one batch writes besides its state: the inputs of its rows.
    struct BatchRows {
        let height: UInt64
        let time: UInt64
        let leader: AccountAddress?
        let transactions: [SignedTransaction]
        let outcomes: [TransactionOutcome]
        let changes: LedgerChanges
    }

    /// Moves the state's tree and caches on to the batch now (the root is the new one; `ahead`
    /// is its bucket work if done beforehand), and
    /// leaves every row of the batch to `Database.writeBeforeCommit(_:)`: with a background
    /// commit, they are written on the committing thread while this one goes on. The rows
    /// are written from `rows` and `database` alone.
    func writeDeferringRows(_ rows: BatchRows, prepared: PreparedStateChanges, ahead: StateAheadUpdate? = nil) throws {
        let stateRows = try stateStore.applyDeferringRows(prepared, ahead: ahead)
        let root = stateStore.root
        committingSchedule = (rows.time, rows.changes.scheduled)
        database.writeBeforeCommit { [self] in
            try stateStore.writeRows(stateRows)
            try writeTransactions(rows.transactions, outcomes: rows.outcomes, height: rows.height)
            try writePayouts(rows.changes.payouts, height: rows.height)
            try writeSchedule(rows.changes.scheduled, time: rows.time)
            try writeBatchRow(height: rows.height, time: rows.time, leader: rows.leader, root: root,
                              count: rows.transactions.count)
            try writeProjections(rows.changes.state)
            try writeStakes(rows.changes.state)
        }
    }

    /// Writes the state changes, the schedule, the batch row and the tables derived from the state.
    private func write(_ changes: LedgerChanges, _ prepared: PreparedStateChanges, height: UInt64, time: UInt64,
                       leader: AccountAddress?, transactionCount: Int) throws {
        let root = try stateStore.apply(prepared)
        try writeSchedule(changes.scheduled, time: time)
        committingSchedule = (time, changes.scheduled)
        try writeBatchRow(height: height, time: time, leader: leader, root: root, count: transactionCount)
        try writeProjections(changes.state)
        try writeStakes(changes.state)
    }

    /// Keeps the `stakes` table (role, address, amount) in step with the stake records, so
    /// that the sequencer and validator sets can be listed without scanning the state.
    private func writeStakes(_ state: [LedgerChanges.Write]) throws {
        let upsert = try database.cachedStatement("""
            INSERT INTO stakes(role, address, amount) VALUES (?, ?, ?)
            ON CONFLICT(role, address) DO UPDATE SET amount = excluded.amount
            """)
        let delete = try database.cachedStatement("DELETE FROM stakes WHERE role = ? AND address = ?")
        for write in state where write.key.first == 0x02 && write.key.count == 1 + AccountAddress.byteCount + 1 {
            let address = Array(write.key[1...AccountAddress.byteCount])
            let role = Int64(write.key[AccountAddress.byteCount + 1])
            if let value = write.value {
                let amount = try AmountRecord.decodeStored(value).amount
                try upsert.bind(role, at: 1)
                try upsert.bind(address, at: 2)
                try upsert.bind(AmountColumn.bytes(amount), at: 3)
                try upsert.run()
            } else {
                try delete.bind(role, at: 1)
                try delete.bind(address, at: 2)
                try delete.run()
            }
        }
    }

    private func writeSchedule(_ events: [ScheduledEvent], time: UInt64) throws {
        let remove = try database.cachedStatement("DELETE FROM schedule WHERE due <= ?")
        try remove.bind(Int64(bitPattern: time), at: 1)
        try remove.run()
        let insert = try database.cachedStatement("INSERT OR IGNORE INTO schedule(due, kind, subject) VALUES (?, ?, ?)")
        for event in events {
            try insert.bind(Int64(bitPattern: event.due), at: 1)
            try insert.bind(event.kind.rawValue, at: 2)
            try insert.bind(event.subject, at: 3)
            try insert.run()
        }
    }

    private func writeBatchRow(height: UInt64, time: UInt64, leader: AccountAddress?, root: [UInt8], count: Int) throws {
        let insert = try database.cachedStatement(
            "INSERT INTO batches(height, time, leader, state_root, transaction_count) VALUES (?, ?, ?, ?, ?)")
        try insert.bind(Int64(bitPattern: height), at: 1)
        try insert.bind(Int64(bitPattern: time), at: 2)
        try insert.bind(leader?.bytes, at: 3)
        try insert.bind(root, at: 4)
        try insert.bind(Int64(count), at: 5)
        try insert.run()
    }

    private func writeTransactions(_ transactions: [SignedTransaction], outcomes: [TransactionOutcome], height: UInt64) throws {
        let insert = try database.cachedStatement("""
            INSERT INTO transactions(height, position, id, sender, nonce, kind, status, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for position in transactions.indices {
            let sender = transactions[position].signerAddress
            let nonce = transactions[position].body.nonce
            try insert.bind(Int64(bitPattern: height), at: 1)
            try insert.bind(Int64(position), at: 2)
            try insert.bind(LedgerIdentifier.derive(sender: sender, nonce: nonce), at: 3)
            try insert.bind(sender.bytes, at: 4)
            try insert.bind(Int64(bitPattern: nonce), at: 5)
            try insert.bind(transactions[position].body.kind.name, at: 6)
            try insert.bind(outcomes[position].status, at: 7)
            try insert.bind(outcomes[position].reasonCode, at: 8)
            try insert.run()
        }
    }

    private func writePayouts(_ payouts: [PayoutEvent], height: UInt64) throws {
        let insert = try database.cachedStatement("""
            INSERT INTO payouts(height, sequence, subject, account, reason, amount) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (sequence, payout) in payouts.enumerated() where payout.amount > 0 {
            try insert.bind(Int64(bitPattern: height), at: 1)
            try insert.bind(Int64(sequence), at: 2)
            try insert.bind(payout.subject, at: 3)
            try insert.bind(payout.account?.bytes, at: 4)
            try insert.bind(payout.reason.rawValue, at: 5)
            try insert.bind(AmountColumn.bytes(payout.amount), at: 6)
            try insert.run()
        }
    }

    /// Keeps the query tables of contributions and receipts in step with their records.
    private func writeProjections(_ state: [LedgerChanges.Write]) throws {
        let upsertContribution = try database.cachedStatement("""
            INSERT INTO contributions(id, datanet, contributor, status) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status
            """)
        // A receipt's later write (a challenge) keeps its time, so it adds no row.
        let insertReceiptByHost = try database.cachedStatement("INSERT OR IGNORE INTO receipts_by_host(host, time, id) VALUES (?, ?, ?)")
        let insertReceiptByAdapter = try database.cachedStatement(
            "INSERT OR IGNORE INTO receipts_by_adapter(adapter, time, id) VALUES (?, ?, ?)")
        for write in state {
            guard let value = write.value, let kind = write.key.first else { continue }
            if kind == 0x09 {
                let record = try write.record.record(ContributionRecord.self) ?? ContributionRecord.decodeStored(value)
                // Only the status of a listed contribution ever changes (votes change the record).
                if write.previousRecord.record(ContributionRecord.self)?.status == record.status { continue }
                try upsertContribution.bind(Array(write.key.dropFirst()), at: 1)
                try upsertContribution.bind(record.datanetID, at: 2)
                try upsertContribution.bind(record.contributor.bytes, at: 3)
                try upsertContribution.bind(record.status.name, at: 4)
                try upsertContribution.run()
            } else if kind == 0x0d {
                let record = try write.record.record(ReceiptRecord.self) ?? ReceiptRecord.decodeStored(value)
                let id = Array(write.key.dropFirst())
                func insert(under subject: [UInt8], with statement: Statement) throws {
                    try statement.bind(subject, at: 1)
                    try statement.bind(Int64(bitPattern: record.time), at: 2)
                    try statement.bind(id, at: 3)
                    try statement.run()
                }
                try insert(under: record.host.bytes, with: insertReceiptByHost)
                try insert(under: record.receipt.adapterHash, with: insertReceiptByAdapter)
            }
        }
    }
}
