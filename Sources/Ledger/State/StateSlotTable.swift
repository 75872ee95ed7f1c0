/// The slot numbers of the keys a `LedgerState` holds: open addressing with linear probing
/// over a power-of-two table of (hash, slot number) pairs.
///
/// A probe compares 64-bit hashes, which lie side by side in memory, and reads a key only
/// when its hash matches, so a lookup costs about one hash and one key comparison however
/// full the table is (a `Dictionary` of byte arrays compares, and so reads, every key it
/// probes). Hashes come from `Hasher`, seeded per process, so that keys chosen by a peer
/// cannot be made to collide. The table holds at most half as many slots as it has
/// entries, and grows by doubling.
struct StateSlotTable {
    /// The entries a new table has.
    static let initialCapacity = 1 << 12

    /// Each entry's hash with its lowest bit set, or 0 when the entry is empty.
    private var hashes: [UInt64]
    /// Each entry's slot number.
    private var slotNumbers: [Int32]
    /// The number of slots held.
    private(set) var count = 0

    init() {
        hashes = Array(repeating: 0, count: Self.initialCapacity)
        slotNumbers = Array(repeating: 0, count: Self.initialCapacity)
    }

    /// The hash `find` and `insert` take for `key`.
    static func hash(_ key: [UInt8]) -> UInt64 {
        var hasher = Hasher()
        key.withUnsafeBytes { hasher.combine(bytes: $0) }
        return UInt64(truncatingIfNeeded: hasher.finalize()) | 1
    }

    /// The slot number of `key` (whose hash is `hash`), given every slot's key by number.
    func find(_ key: [UInt8], hash: UInt64, keys: UnsafeBufferPointer<[UInt8]>) -> Int? {
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: hash >> 1) & mask
        while true {
            let stored = hashes[index]
            if stored == 0 { return nil }
            if stored == hash {
                let slot = Int(slotNumbers[index])
                if keys[slot] == key { return slot }
            }
            index = (index + 1) & mask
        }
    }

    /// Adds `slot` as the slot number of the key whose hash is `hash`; the key must not be
    /// in the table.
    mutating func insert(hash: UInt64, slot: Int) {
        precondition(slot < Int(Int32.max), "too many slots")
        if (count + 1) * 2 > hashes.count { grow() }
        place(hash: hash, slot: Int32(slot))
        count += 1
    }

    /// Forgets every slot.
    mutating func removeAll() {
        self = StateSlotTable()
    }

    private mutating func place(hash: UInt64, slot: Int32) {
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: hash >> 1) & mask
        while hashes[index] != 0 { index = (index + 1) & mask }
        hashes[index] = hash
        slotNumbers[index] = slot
    }

    private mutating func grow() {
        let oldHashes = hashes
        let oldSlots = slotNumbers
        hashes = Array(repeating: 0, count: oldHashes.count * 2)
        slotNumbers = Array(repeating: 0, count: oldHashes.count * 2)
        for index in oldHashes.indices where oldHashes[index] != 0 {
            place(hash: oldHashes[index], slot: oldSlots[index])
        }
    }
}
