/// The values of state keys read lately, so that a key read again (an account in every
/// batch) is answered from memory instead of a SQLite lookup.
///
/// Only keys that have a value are cached, and only when they are read: a write updates a
/// cached key (or drops it when deleted) but does not add one, so the cache holds the keys
/// that are read, not every key ever written. It always agrees with the database as the
/// open transaction sees it: `StateStore.apply` passes every write through `update(_:to:)`,
/// and the keys a transaction updated are dropped if it rolls back. It holds at most
/// `byteCountMax` bytes (keys, values and a per-entry allowance); past that it starts afresh.
struct StateValueCache {
    /// A key hashed as one block of bytes (an array hashes byte by byte).
    struct Key: Hashable {
        let bytes: [UInt8]

        static func == (left: Key, right: Key) -> Bool {
            left.bytes == right.bytes
        }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// The most bytes kept: 64 MiB.
    static let byteCountMax = 64 << 20
    /// The bytes counted for each entry besides its key and value: the dictionary's share.
    static let entryOverheadByteCount = 64

    private var values: [Key: [UInt8]] = [:]
    /// The bytes counted for the cached entries.
    private(set) var byteCount = 0
    /// The keys updated in the open transaction, or cached after it wrote, with repeats.
    private var updated: [Key] = []
    /// Whether the open transaction has written state, so that values read now may not
    /// be committed.
    private var transactionHasWritten = false

    /// The cached value of `key`, or nil when it is not cached.
    func value(for key: [UInt8]) -> [UInt8]? {
        values[Key(bytes: key)]
    }

    /// Caches `value`, just read from the database, as the value of `key`.
    mutating func insert(_ value: [UInt8], for key: [UInt8]) {
        if transactionHasWritten { updated.append(Key(bytes: key)) }
        let cost = Self.cost(key: key, value: value)
        if byteCount + cost > Self.byteCountMax {
            values.removeAll()
            byteCount = 0
        }
        if let previous = values.updateValue(value, forKey: Key(bytes: key)) {
            byteCount -= Self.cost(key: key, value: previous)
        }
        byteCount += cost
    }

    /// Passes a write through: a cached key takes `value`, or leaves the cache when `value`
    /// is nil; a key not cached stays out.
    mutating func update(_ key: [UInt8], to value: [UInt8]?) {
        transactionHasWritten = true
        let cacheKey = Key(bytes: key)
        guard let index = values.index(forKey: cacheKey) else { return }
        updated.append(cacheKey)
        byteCount -= Self.cost(key: key, value: values.values[index])
        if let value {
            values.values[index] = value
            byteCount += Self.cost(key: key, value: value)
        } else {
            values.remove(at: index)
        }
    }

    /// Keeps the updates of the transaction that committed.
    mutating func commit() {
        updated.removeAll(keepingCapacity: true)
        transactionHasWritten = false
    }

    /// Drops the keys the transaction that rolled back updated, or cached after it wrote.
    mutating func rollBack() {
        for key in updated {
            if let previous = values.removeValue(forKey: key) {
                byteCount -= Self.cost(key: key.bytes, value: previous)
            }
        }
        updated.removeAll(keepingCapacity: true)
        transactionHasWritten = false
    }

    private static func cost(key: [UInt8], value: [UInt8]) -> Int {
        key.count + value.count + entryOverheadByteCount
    }
}
