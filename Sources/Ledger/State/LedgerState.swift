import Wire

/// The state one batch sees: committed storage with this batch's writes on top, and the
/// current transaction's writes on top of those.
final class LedgerState {
    private let storage: any LedgerStorage
    private var readCache: [[UInt8]: [UInt8]?] = [:]
    private(set) var batch = LedgerChanges()
    private var transaction: LedgerChanges?

    init(storage: any LedgerStorage) {
        self.storage = storage
    }

    // MARK: Transactions

    func beginTransaction() {
        precondition(transaction == nil, "transactions do not nest")
        transaction = LedgerChanges()
    }

    func commitTransaction() {
        guard let changes = transaction else { preconditionFailure("no transaction is open") }
        batch.merge(changes)
        transaction = nil
    }

    func discardTransaction() {
        precondition(transaction != nil, "no transaction is open")
        transaction = nil
    }

    // MARK: Raw values

    func value(for key: [UInt8]) throws(LedgerError) -> [UInt8]? {
        if let pending = transaction?.state[key] { return pending }
        if let pending = batch.state[key] { return pending }
        if let cached = readCache[key] { return cached }
        let stored = try storage.stateValue(for: key)
        readCache[key] = .some(stored)
        return stored
    }

    func setValue(_ value: [UInt8]?, for key: [UInt8]) {
        if transaction != nil {
            transaction!.state[key] = .some(value)
        } else {
            batch.state[key] = .some(value)
        }
    }

    // MARK: Records

    func record<Record: StateRecord>(_ type: Record.Type, at key: [UInt8]) throws(LedgerError) -> Record? {
        guard let bytes = try value(for: key) else { return nil }
        return try Record.decodeStored(bytes)
    }

    func setRecord(_ record: some StateRecord, at key: [UInt8]) {
        setValue(record.encoded, for: key)
    }

    func removeRecord(at key: [UInt8]) {
        setValue(nil, for: key)
    }

    // MARK: Schedule and payouts

    func schedule(_ event: ScheduledEvent) {
        if transaction != nil { transaction!.scheduled.append(event) } else { batch.scheduled.append(event) }
    }

    func recordPayout(_ event: PayoutEvent) {
        if transaction != nil { transaction!.payouts.append(event) } else { batch.payouts.append(event) }
    }

    func dueEvents(upTo time: UInt64) throws(LedgerError) -> [ScheduledEvent] {
        try storage.dueEvents(upTo: time)
    }
}
