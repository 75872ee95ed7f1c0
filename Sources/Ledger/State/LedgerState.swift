/// The state one batch sees: committed storage with this batch's writes on top.
///
/// Every key the batch reads or writes has one slot: its current value and whether the
/// batch wrote it. The value is kept as bytes, as a decoded record, or both: a record
/// read is decoded once per batch, and a record written is encoded only when its bytes are
/// needed, at the end of the batch at the latest. A transaction (`beginTransaction`) logs
/// the slots it overwrites, so that discarding it puts them back, and committing it only
/// forgets the log; a failing transaction's writes vanish while its fee, written before,
/// stays paid.
///
/// Slots live in one array, found through a dictionary from key to slot number, so that a
/// key is hashed once per access and a slot is read and updated where it lies.
final class LedgerState {
    private struct Entry {
        /// The encoded value, nil when the key is absent; stale while `needsEncoding`.
        var bytes: [UInt8]?
        /// The value decoded, or written and not yet encoded.
        var record: (any AnyStateRecordBox)?
        /// Whether `record` is newer than `bytes`.
        var needsEncoding: Bool
        var isWritten: Bool
        /// Whether the slot holds the key's value; false for a slot made by a write that
        /// was then discarded before the key was ever read.
        var isLoaded: Bool

        /// The current encoded value.
        var value: [UInt8]? {
            needsEncoding ? record?.encoded : bytes
        }

        /// Whether the key has a value.
        var isPresent: Bool {
            needsEncoding ? record != nil : bytes != nil
        }

        static let unloaded = Entry(bytes: nil, record: nil, needsEncoding: false, isWritten: false, isLoaded: false)
    }

    private let storage: any LedgerStorage
    /// The slot number of each key the batch touched.
    private var slotNumbers: [StateEntryKey: Int] = [:]
    /// Each slot's key, by slot number.
    private var keys: [[UInt8]] = []
    /// Each slot's entry, by slot number.
    private var slots: [Entry] = []
    private var scheduled: [ScheduledEvent] = []
    private var payouts: [PayoutEvent] = []
    /// The open transaction's log: each overwritten slot with the entry it had.
    private var undo: [(slot: Int, previous: Entry)] = []
    /// Where the open transaction began in `scheduled` and `payouts`; nil when none is open.
    private var transactionStart: (scheduled: Int, payouts: Int)?

    /// - Parameter capacity: about how many keys the batch will touch.
    init(storage: any LedgerStorage, capacity: Int = 0) {
        self.storage = storage
        slotNumbers.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
        slots.reserveCapacity(capacity)
    }

    /// The batch's writes so far, in key order, with its events and payouts.
    var batch: LedgerChanges {
        precondition(transactionStart == nil, "a transaction is still open")
        var written = slots.indices.filter { slots[$0].isWritten }
        keys.withUnsafeBufferPointer { keys in
            written.sort { StateEntryKey.compare(keys[$0], keys[$1]) < 0 }
        }
        var state: [LedgerChanges.Write] = []
        state.reserveCapacity(written.count)
        for slot in written {
            state.append(LedgerChanges.Write(key: keys[slot], value: slots[slot].value, record: slots[slot].record))
        }
        return LedgerChanges(state: state, scheduled: scheduled, payouts: payouts)
    }

    /// The payouts made so far, in order.
    var payoutEvents: [PayoutEvent] {
        payouts
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
        while let (slot, previous) = undo.popLast() {
            slots[slot] = previous
        }
        scheduled.removeSubrange(start.scheduled...)
        payouts.removeSubrange(start.payouts...)
        transactionStart = nil
    }

    // MARK: Raw values

    func value(for key: [UInt8]) throws(LedgerError) -> [UInt8]? {
        let slot = try loadedSlot(for: key)
        if slots[slot].needsEncoding {
            slots[slot].bytes = slots[slot].record?.encoded
            slots[slot].needsEncoding = false
        }
        return slots[slot].bytes
    }

    /// Whether `key` has a value: `value(for: key) != nil` without encoding a record.
    func contains(_ key: [UInt8]) throws(LedgerError) -> Bool {
        try slots[loadedSlot(for: key)].isPresent
    }

    func setValue(_ value: [UInt8]?, for key: [UInt8]) {
        set(Entry(bytes: value, record: nil, needsEncoding: false, isWritten: true, isLoaded: true), for: key)
    }

    /// The slot number of `key`, making an unloaded slot on first use.
    private func slot(for key: [UInt8]) -> Int {
        let entryKey = StateEntryKey(key)
        if let slot = slotNumbers[entryKey] { return slot }
        let slot = slots.count
        slotNumbers[entryKey] = slot
        keys.append(key)
        slots.append(.unloaded)
        return slot
    }

    /// The slot number of `key`, its value read from storage into the batch on first use.
    private func loadedSlot(for key: [UInt8]) throws(LedgerError) -> Int {
        let slot = slot(for: key)
        if !slots[slot].isLoaded {
            slots[slot] = Entry(bytes: try storage.stateValue(for: key), record: nil, needsEncoding: false,
                                isWritten: false, isLoaded: true)
        }
        return slot
    }

    private func set(_ entry: Entry, for key: [UInt8]) {
        let slot = slot(for: key)
        var previous = entry
        swap(&previous, &slots[slot])
        if transactionStart != nil { undo.append((slot, previous)) }
    }

    // MARK: Records

    func record<Record: StateRecord>(_ type: Record.Type, at key: [UInt8]) throws(LedgerError) -> Record? {
        let slot = try loadedSlot(for: key)
        if let record = slots[slot].record.record(Record.self) { return record }
        guard let bytes = slots[slot].value else { return nil }
        let record = try Record.decodeStored(bytes)
        if !slots[slot].needsEncoding {
            slots[slot].record = StateRecordBox(record)
        }
        return record
    }

    func setRecord(_ record: some StateRecord, at key: [UInt8]) {
        set(Entry(bytes: nil, record: StateRecordBox(record), needsEncoding: true, isWritten: true, isLoaded: true), for: key)
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
