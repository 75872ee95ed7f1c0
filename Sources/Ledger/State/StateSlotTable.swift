/// The slot numbers of the keys a `LedgerState` holds: open addressing with linear probing
/// over a power-of-two table of 64-bit entries, each a 32-bit tag from the key's hash and
/// a 32-bit slot number.
///
/// A lookup reads entries side by side in one array and reads a key only when its tag
/// matches, so it costs about one hash, one cache line and one key comparison however full
/// the table is (a `Dictionary` of byte arrays compares, and so reads, every key it
/// probes). Hashes come from `Hasher`, seeded per process, so that keys chosen by a peer
/// cannot be made to collide. Slots are numbered 0, 1, 2, … in the order they are
/// inserted; each slot's whole hash is kept beside the table for growing it. The table
/// holds at most half as many slots as it has entries, and grows by doubling.
struct StateSlotTable {
    /// The entries a new table has.
    static let initialCapacity = 1 << 12
    /// The most slots a table holds.
    static let slotCountMax = Int(UInt32.max)

    /// Each entry: tag in the high 32 bits (never 0), slot number in the low 32; 0 when empty.
    private var entries: [UInt64]
    /// Each slot's hash, by slot number.
    private var slotHashes: [UInt64] = []

    init() {
        entries = Array(repeating: 0, count: Self.initialCapacity)
    }

    /// The number of slots held.
    var count: Int {
        slotHashes.count
    }

    /// The hash `find` and `insert` take for `key`.
    static func hash(_ key: [UInt8]) -> UInt64 {
        var hasher = Hasher()
        key.withUnsafeBytes { hasher.combine(bytes: $0) }
        return UInt64(truncatingIfNeeded: hasher.finalize())
    }

    /// The hash of the key of slot `slot`.
    func hash(ofSlot slot: Int) -> UInt64 {
        slotHashes[slot]
    }

    /// The slot number of `key` (whose hash is `hash`), given every slot's key by number.
    func find(_ key: [UInt8], hash: UInt64, keys: UnsafeBufferPointer<[UInt8]>) -> Int? {
        let tag = Self.tag(hash)
        return entries.withUnsafeBufferPointer { entries in
            let mask = entries.count - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = entries[index]
                if entry == 0 { return nil }
                if entry >> 32 == tag {
                    let slot = Int(truncatingIfNeeded: entry & 0xffff_ffff)
                    if keys[slot] == key { return slot }
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds the key whose hash is `hash` as slot number `count`, and returns that number;
    /// the key must not be in the table.
    @discardableResult
    mutating func insert(hash: UInt64) -> Int {
        let slot = count
        precondition(slot < Self.slotCountMax, "too many slots")
        if (slot + 1) * 2 > entries.count { grow() }
        place(Self.tag(hash) << 32 | UInt64(slot), at: Int(truncatingIfNeeded: hash))
        slotHashes.append(hash)
        return slot
    }

    /// Forgets every slot.
    mutating func removeAll() {
        self = StateSlotTable()
    }

    /// The tag of a hash: its high 32 bits, never 0.
    private static func tag(_ hash: UInt64) -> UInt64 {
        (hash >> 32) | 1
    }

    private mutating func place(_ entry: UInt64, at position: Int) {
        entries.withUnsafeMutableBufferPointer { entries in
            let mask = entries.count - 1
            var index = position & mask
            while entries[index] != 0 { index = (index + 1) & mask }
            entries[index] = entry
        }
    }

    /// Doubles the table, placing every slot again from its whole hash.
    private mutating func grow() {
        entries = Array(repeating: 0, count: entries.count * 2)
        for (slot, hash) in slotHashes.enumerated() {
            place(Self.tag(hash) << 32 | UInt64(slot), at: Int(truncatingIfNeeded: hash))
        }
    }
}
