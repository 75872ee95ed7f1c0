/// The mutable bookkeeping of an `AdapterCache`, only ever touched under its lock.
struct AdapterCacheState {
    struct Entry {
        let name: String
        let adapter: LoRAAdapter
        var referenceCount: Int
        var lastUse: UInt64
        /// Unloaded while in use: no longer found by name, freed at its last release.
        var isDetached = false
    }

    private(set) var entries: [UInt64: Entry] = [:]
    private var idByName: [String: UInt64] = [:]
    private var nextID: UInt64 = 0
    private var clock: UInt64 = 0
    private(set) var statistics = AdapterCacheStatistics()

    /// A lease on the adapter named `name` when it is held (a hit); counts a miss otherwise.
    mutating func acquireIfPresent(_ name: String) -> (id: UInt64, adapter: LoRAAdapter)? {
        guard let id = idByName[name] else {
            statistics.missCount += 1
            return nil
        }
        statistics.hitCount += 1
        return (id, retain(id))
    }

    /// Adds `adapter` under `name` with `referenceCount` leases, evicting least recently used
    /// adapters nobody holds until it fits in `budget` bytes. When another thread added the
    /// name meanwhile, that adapter is leased instead. Throws `.adapterCacheFull` (evicting
    /// nothing) when the adapters in use leave no room.
    mutating func insert(_ adapter: LoRAAdapter, named name: String, referenceCount: Int, budget: Int)
        throws(OpenLoRAError) -> (id: UInt64, adapter: LoRAAdapter) {
        let existing = idByName[name]
        if let existing, referenceCount > 0 { return (existing, retain(existing)) }
        let needed = adapter.byteCount
        let evictable = entries.values.reduce(0) { $0 + ($1.referenceCount == 0 ? $1.adapter.byteCount : 0) }
        let inUse = statistics.byteCount - evictable
        guard inUse + needed <= budget else {
            throw OpenLoRAError(.adapterCacheFull, "adapter \(name) needs \(needed) bytes; \(inUse) of the "
                                + "\(budget)-byte budget are held by adapters in use")
        }
        if existing != nil { unload(name) }  // a replacement: the old one goes now, or at its last release
        while statistics.byteCount + needed > budget { evictLeastRecentlyUsed() }
        let id = nextID
        nextID += 1
        clock += 1
        entries[id] = Entry(name: name, adapter: adapter, referenceCount: referenceCount, lastUse: clock)
        idByName[name] = id
        statistics.adapterCount += 1
        statistics.byteCount += needed
        if referenceCount > 0 { statistics.inUseCount += 1 }
        return (id, adapter)
    }

    /// Ends one lease on entry `id`; frees a detached entry at its last release.
    mutating func release(_ id: UInt64) {
        guard var entry = entries[id] else { preconditionFailure("release of an unknown adapter entry") }
        precondition(entry.referenceCount > 0, "adapter \(entry.name) released more often than acquired")
        entry.referenceCount -= 1
        entries[id] = entry
        guard entry.referenceCount == 0 else { return }
        statistics.inUseCount -= 1
        if entry.isDetached { remove(id) }
    }

    /// Forgets `name`: freed now when unused, else when its last lease ends. False when absent.
    @discardableResult
    mutating func unload(_ name: String) -> Bool {
        guard let id = idByName.removeValue(forKey: name) else { return false }
        statistics.adapterCount -= 1
        if entries[id]!.referenceCount == 0 {  // every id in idByName has an entry
            remove(id)
        } else {
            entries[id]!.isDetached = true
        }
        return true
    }

    func contains(_ name: String) -> Bool { idByName[name] != nil }

    private mutating func retain(_ id: UInt64) -> LoRAAdapter {
        clock += 1
        entries[id]!.lastUse = clock  // callers pass ids of present entries
        if entries[id]!.referenceCount == 0 { statistics.inUseCount += 1 }
        entries[id]!.referenceCount += 1
        return entries[id]!.adapter
    }

    /// Removes the unused entry used longest ago (a linear scan: caches hold thousands of
    /// adapters at most, and evictions happen on misses only). The caller has checked that
    /// enough unused bytes exist.
    private mutating func evictLeastRecentlyUsed() {
        let unused = entries.filter { $0.value.referenceCount == 0 && !$0.value.isDetached }
        guard let oldest = unused.min(by: { $0.value.lastUse < $1.value.lastUse }) else {
            preconditionFailure("no unused adapter to evict")
        }
        idByName.removeValue(forKey: oldest.value.name)
        statistics.adapterCount -= 1
        statistics.evictionCount += 1
        remove(oldest.key)
    }

    private mutating func remove(_ id: UInt64) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        statistics.byteCount -= entry.adapter.byteCount
    }
}
