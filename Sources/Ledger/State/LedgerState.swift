/// The state one batch sees: committed storage with this batch's writes on top.
///
/// Every key the batch reads or writes has one entry: its current value and whether the
/// batch wrote it. The value is kept as bytes, as a decoded record, or both: a record
/// read is decoded once per batch, and a record written is encoded only when its bytes are
/// needed, at the end of the batch at the latest. A transaction (`beginTransaction`) logs
/// the entries it overwrites, so that discarding it puts them back, and committing it only
/// forgets the log; a failing transaction's writes vanish while its fee, written before,
/// stays paid.
final class LedgerState {
    private struct Entry {
        /// The encoded value, nil when the key is absent; stale while `needsEncoding`.
        var bytes: [UInt8]?
        /// The value decoded, or written and not yet encoded.
        var record: (any StateRecord)?
        /// Whether `record` is newer than `bytes`.
        var needsEncoding: Bool
        var isWritten: Bool

        /// The current encoded value.
        var value: [UInt8]? {
            needsEncoding ? record?.encoded : bytes
        }
    }

    private let storage: any LedgerStorage
    private var entries: [StateEntryKey: Entry] = [:]
    private var scheduled: [ScheduledEvent] = []
    private var payouts: [PayoutEvent] = []
    /// The open transaction's log: each overwritten key with the entry it had (nil: none).
    private var undo: [(key: StateEntryKey, previous: Entry?)] = []
    /// Where the open transaction began in `scheduled` and `payouts`; nil when none is open.
    private var transactionStart: (scheduled: Int, payouts: Int)?

    /// - Parameter capacity: about how many keys the batch will touch.
    init(storage: any LedgerStorage, capacity: Int = 0) {
        self.storage = storage
        entries.reserveCapacity(capacity)
    }

    /// The batch's writes so far, in key order, with its events and payouts.
    var batch: LedgerChanges {
        precondition(transactionStart == nil, "a transaction is still open")
        var state: [LedgerChanges.Write] = []
        state.reserveCapacity(entries.count)
        for (key, entry) in entries where entry.isWritten {
            state.append(LedgerChanges.Write(key: key.bytes, value: entry.value, record: entry.record))
        }
        state.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return LedgerChanges(state: state, scheduled: scheduled, payouts: payouts)
    }

    // MARK: Transactions

    func beginTransaction() {
        precondition(transactionStart == nil, "transactions do not nest")
        transactionStart = (scheduled.count, payouts.count)
    }

    func commitTransaction() {
        precondition(transactionStart != nil, "no transaction is open")
        undo.removeAll(keepingCapacity: true)
        transactionStart = nil
    }

    func discardTransaction() {
        guard let start = transactionStart else { preconditionFailure("no transaction is open") }
        for (key, previous) in undo.reversed() {
            entries[key] = previous
        }
        undo.removeAll(keepingCapacity: true)
        scheduled.removeSubrange(start.scheduled...)
        payouts.removeSubrange(start.payouts...)
        transactionStart = nil
    }

    // MARK: Raw values

    func value(for key: [UInt8]) throws(LedgerError) -> [UInt8]? {
        let entryKey = StateEntryKey(key)
        var entry = try entry(for: entryKey)
        guard entry.needsEncoding else { return entry.bytes }
        entry.bytes = entry.record?.encoded
        entry.needsEncoding = false
        entries[entryKey] = entry
        return entry.bytes
    }

    func setValue(_ value: [UInt8]?, for key: [UInt8]) {
        set(Entry(bytes: value, record: nil, needsEncoding: false, isWritten: true), for: StateEntryKey(key))
    }

    /// The entry of `key`, read from storage into the batch on first use.
    private func entry(for key: StateEntryKey) throws(LedgerError) -> Entry {
        if let entry = entries[key] { return entry }
        let entry = Entry(bytes: try storage.stateValue(for: key.bytes), record: nil, needsEncoding: false, isWritten: false)
        entries[key] = entry
        return entry
    }

    private func set(_ entry: Entry, for key: StateEntryKey) {
        let previous = entries.updateValue(entry, forKey: key)
        if transactionStart != nil { undo.append((key, previous)) }
    }

    // MARK: Records

    func record<Record: StateRecord>(_ type: Record.Type, at key: [UInt8]) throws(LedgerError) -> Record? {
        let entryKey = StateEntryKey(key)
        var entry = try entry(for: entryKey)
        if let record = entry.record as? Record { return record }
        guard let bytes = entry.value else { return nil }
        let record = try Record.decodeStored(bytes)
        if !entry.needsEncoding {
            entry.record = record
            entries[entryKey] = entry
        }
        return record
    }

    func setRecord(_ record: some StateRecord, at key: [UInt8]) {
        set(Entry(bytes: nil, record: record, needsEncoding: true, isWritten: true), for: StateEntryKey(key))
    }

    func removeRecord(at key: [UInt8]) {
        setValue(nil, for: key)
    }

    // MARK: Schedule and payouts

    func schedule(_ event: ScheduledEvent) {
        scheduled.append(event)
    }

    func recordPayout(_ event: PayoutEvent) {
        payouts.append(event)
    }

    func dueEvents(upTo time: UInt64) throws(LedgerError) -> [ScheduledEvent] {
        try storage.dueEvents(upTo: time)
    }
}
