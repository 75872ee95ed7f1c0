import Store

/// The state batches see: committed storage, the values of keys read or written lately
/// kept in memory, and the open batch's writes on top.
///
/// Every key read or written has one slot: its current value and whether the open batch
/// wrote it. Slots outlive their batch: one `LedgerState` serves a database's batches one
/// after the other (`beginBatch`, then `commitBatch` once the batch's SQLite transaction
/// committed, or `discardBatch`), so that a key used again (an account in every batch) is
/// found in memory, decoded, instead of being read and decoded afresh. Writes happen only
/// inside a batch; reads may happen between batches too (the queries), and then see the
/// committed state. Slots not used in the last `keptBatchCount` batches are dropped once
/// the table has doubled since it was last compacted, and at most `slotCountMax` slots and
/// about `byteCountMax` bytes of read values are kept: past either, the next batch starts
/// from an empty table.
///
/// The value is kept as bytes, as a decoded record, or both: a record read is decoded once
/// while its slot is kept, and a record written is encoded only when its bytes are needed,
/// at the end of the batch at the latest. A transaction (`beginTransaction`) logs
/// the slots it overwrites, so that discarding it puts them back, and committing it only
/// forgets the log; a failing transaction's writes vanish while its fee, written before,
/// stays paid.
///
/// Slots live in one array, found through a table from key to slot number
/// (`StateSlotTable`), so that a key is hashed once per access and a slot is read and
/// updated where it lies.
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

    /// The most slots kept from one batch to the next.
    static let slotCountMax = 1 << 18
    /// About the most bytes of keys and read values kept from one batch to the next: 64 MiB.
    static let byteCountMax = 64 << 20
    /// The bytes counted for each slot besides its key and value.
    static let slotOverheadByteCount = 96
    /// A compaction keeps the slots used in this many most recent batches.
    static let keptBatchCount: UInt64 = 4
    /// The fewest slots for which a compaction runs.
    static let compactionSlotCountMin = 1 << 15

    /// The storage under the state; its owner (`LedgerDatabase`) owns this state too.
    private unowned let storage: any LedgerStorage
    /// The slot number of each key kept.
    private var slotNumbers = StateSlotTable()
    /// Each slot's key, by slot number.
    private var keys: [[UInt8]] = []
    /// Each slot's entry, by slot number.
    private var slots: [Entry] = []
    /// The number of the batch that last used each slot, by slot number.
    private var lastUse: [UInt64] = []
    /// Each slot's bucket in the state store once a batch wrote the key, -1 before: keys
    /// written batch after batch (accounts) are hashed to their bucket once.
    private var buckets: [Int32] = []
    /// The number of the open batch, or of the last one.
    private var batchNumber: UInt64 = 0
    /// The fewest slots for which a compaction runs in this state.
    private let compactionSlotCountFloor: Int
    /// The slot count at which the next compaction runs.
    private var compactionSlotCount: Int
    private var scheduled: [ScheduledEvent] = []
    private var payouts: [PayoutEvent] = []
    /// The open transaction's log: each overwritten slot with the entry it had.
    private var undo: [(slot: Int, previous: Entry)] = []
    /// Where the open transaction began in `scheduled` and `payouts`; nil when none is open.
    private var transactionStart: (scheduled: Int, payouts: Int)?
    /// Whether a batch is open.
    private(set) var isInBatch = false
    /// The open batch's log: each slot it overwrote with the entry it had, the first
    /// overwrite of a slot before later ones, so that discarding the batch restores the
    /// committed state.
    private var batchUndo: [(slot: Int, previous: Entry)] = []
    /// The bytes counted for the keys and read values kept (`byteCountMax`).
    private var byteCount = 0

    /// A state over `storage`, which must outlive it.
    init(storage: any LedgerStorage, compactionSlotCountMin: Int = LedgerState.compactionSlotCountMin) {
        self.storage = storage
        compactionSlotCountFloor = compactionSlotCountMin
        compactionSlotCount = compactionSlotCountMin
    }

    // MARK: Batches

    /// Opens a batch: writes are allowed until it is committed or discarded. Starts from an
    /// empty table when the kept slots passed their limits.
    func beginBatch() {
        precondition(!isInBatch, "a batch is already open")
        if !removeAllIfOverLimits() && slots.count >= compactionSlotCount {
            compact()
        }
        batchNumber += 1
        isInBatch = true
    }

    /// Whether the kept slots passed their limits, so that the next batch starts empty.
    var isOverLimits: Bool {
        slots.count > Self.slotCountMax || byteCount > Self.byteCountMax
    }

    /// Forgets every slot when the kept slots passed their limits (between batches: a
    /// connection that only reads never begins one); returns whether it did.
    @discardableResult
    func removeAllIfOverLimits() -> Bool {
        guard !isInBatch, isOverLimits else { return false }
        removeAll()
        return true
    }

    /// Keeps the open batch's writes as the committed state: to be called once they are in
    /// storage.
    func commitBatch() {
        precondition(isInBatch && transactionStart == nil, "no batch to commit, or a transaction is still open")
        for (slot, _) in batchUndo { slots[slot].isWritten = false }
        endBatch()
    }

    /// Puts back the state as it was when the open batch began.
    func discardBatch() {
        precondition(isInBatch, "no batch is open")
        if transactionStart != nil { discardTransaction() }
        while let (slot, previous) = batchUndo.popLast() {
            slots[slot] = previous
        }
        endBatch()
    }

    /// Forgets every slot: storage changed under the state (another connection wrote it).
    func removeAll() {
        precondition(!isInBatch, "the state cannot be emptied during a batch")
        slotNumbers.removeAll()
        keys = []
        slots = []
        lastUse = []
        buckets = []
        byteCount = 0
    }

    /// Keeps only the slots used in the last `keptBatchCount` batches.
    private func compact() {
        var table = StateSlotTable()
        var keptKeys: [[UInt8]] = [], keptSlots: [Entry] = [], keptLastUse: [UInt64] = [], keptBuckets: [Int32] = []
        var keptByteCount = 0
        for slot in slots.indices where lastUse[slot] + Self.keptBatchCount > batchNumber {
            table.insert(hash: slotNumbers.hash(ofSlot: slot))
            keptKeys.append(keys[slot])
            keptSlots.append(slots[slot])
            keptLastUse.append(lastUse[slot])
            keptBuckets.append(buckets[slot])
            keptByteCount += keys[slot].count + (slots[slot].bytes?.count ?? 0) + Self.slotOverheadByteCount
        }
        (slotNumbers, keys, slots, lastUse, buckets, byteCount) = (table, keptKeys, keptSlots, keptLastUse, keptBuckets, keptByteCount)
        compactionSlotCount = max(2 * slots.count, compactionSlotCountFloor)
    }

    private func endBatch() {
        batchUndo.removeAll(keepingCapacity: true)
        scheduled.removeAll()
        payouts.removeAll()
        isInBatch = false
    }

    /// The batch's writes so far, in the order their keys were first written, each with the
    /// record its key held before the batch when that was decoded, and the batch's events
    /// and payouts.
    var batch: LedgerChanges {
        precondition(transactionStart == nil, "a transaction is still open")
        // The log holds a slot again when a discarded transaction had written it: its first
        // entry is the one from before the batch.
        var collected = Set<Int>(minimumCapacity: batchUndo.count)
        var state: [LedgerChanges.Write] = []
        state.reserveCapacity(batchUndo.count)
        for (slot, previous) in batchUndo where slots[slot].isWritten && collected.insert(slot).inserted {
            state.append(LedgerChanges.Write(key: keys[slot], bucket: bucket(ofSlot: slot), value: slots[slot].value,
                                             record: slots[slot].record, previousRecord: previous.record))
        }
        return LedgerChanges(state: state, scheduled: scheduled, payouts: payouts)
    }

    /// The state store's bucket of slot `slot`'s key, hashed on first use and then kept.
    private func bucket(ofSlot slot: Int) -> Int {
        if buckets[slot] < 0 { buckets[slot] = Int32(StateStore.bucket(for: keys[slot])) }
        return Int(buckets[slot])
    }

    /// The payouts made so far, in order.
    var payoutEvents: [PayoutEvent] {
        payouts
    }

    /// Writes a batch's changes, collected from an earlier run of it on the same state, into
    /// the open batch, which must not have written anything yet.
    func replay(_ changes: LedgerChanges) {
        precondition(isInBatch && batchUndo.isEmpty && transactionStart == nil, "replaying needs a fresh batch")
        for write in changes.state {
            set(Entry(bytes: write.value, record: write.record, needsEncoding: false, isWritten: true, isLoaded: true),
                for: write.key)
        }
        scheduled = changes.scheduled
        payouts = changes.payouts
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
        let hash = StateSlotTable.hash(key)
        if let slot = keys.withUnsafeBufferPointer({ slotNumbers.find(key, hash: hash, keys: $0) }) {
            lastUse[slot] = batchNumber
            return slot
        }
        let slot = slotNumbers.insert(hash: hash)
        keys.append(key)
        slots.append(.unloaded)
        lastUse.append(batchNumber)
        buckets.append(-1)
        return slot
    }

    /// The slot number of `key`, its value read from storage into the batch on first use.
    private func loadedSlot(for key: [UInt8]) throws(LedgerError) -> Int {
        let slot = slot(for: key)
        if !slots[slot].isLoaded {
            let bytes = try storage.stateValue(for: key)
            slots[slot] = Entry(bytes: bytes, record: nil, needsEncoding: false, isWritten: false, isLoaded: true)
            byteCount += key.count + (bytes?.count ?? 0) + Self.slotOverheadByteCount
        }
        return slot
    }

    private func set(_ entry: Entry, for key: [UInt8]) {
        set(entry, at: slot(for: key))
    }

    private func set(_ entry: Entry, at slot: Int) {
        precondition(isInBatch, "state is written only inside a batch")
        var previous = entry
        swap(&previous, &slots[slot])
        if !previous.isWritten { batchUndo.append((slot, previous)) }
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

    /// Hands the record at `key` (nil when absent) to `change` and stores what it returns
    /// (nil removes the key), finding the key once: a read followed by a write.
    func modifyRecord<Record: StateRecord>(_ type: Record.Type, at key: [UInt8],
                                           _ change: (Record?) throws -> Record?) throws {
        let slot = try loadedSlot(for: key)
        let current: Record?
        if let record = slots[slot].record.record(Record.self) {
            current = record
        } else if let bytes = slots[slot].value {
            current = try Record.decodeStored(bytes)
        } else {
            current = nil
        }
        let changed = try change(current)
        let entry = changed.map { Entry(bytes: nil, record: StateRecordBox($0), needsEncoding: true, isWritten: true, isLoaded: true) }
            ?? Entry(bytes: nil, record: nil, needsEncoding: false, isWritten: true, isLoaded: true)
        set(entry, at: slot)
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
