import Synchronization

/// LoRA adapters kept loaded under a byte budget, least recently used evicted first, shared
/// by every request that names them.
///
/// Thread safety: every method may be called from any thread at any time. The bookkeeping
/// is guarded by one `Mutex`; loading an adapter (file I/O, conversion) runs outside it, so
/// a slow load does not stall requests for adapters already loaded. Two threads missing the
/// same name at once may both load it; the first to finish is kept and both get it.
///
/// Reference counting: `acquire` returns an `AdapterLease`; until every lease on an adapter
/// is released (explicitly or when the lease is freed) the adapter is never evicted, and
/// `unload` of an adapter in use only stops new requests from finding it — its memory is
/// freed at its last release. When the adapters in use leave no room for another, `acquire`
/// throws `.adapterCacheFull` rather than exceed the budget.
public final class AdapterCache: Sendable {
    /// The most bytes the adapters held may occupy together (`LoRAAdapter.byteCount`).
    public let byteBudget: Int
    private let state = Mutex(AdapterCacheState())

    /// An empty cache with a budget of `byteBudget` bytes (> 0).
    public init(byteBudget: Int) {
        precondition(byteBudget > 0, "an adapter cache needs a positive budget")
        self.byteBudget = byteBudget
    }

    /// A lease on the adapter named `name`: the cached one (a hit), or, on a miss, the one
    /// `load` returns, added to the cache after evicting least recently used unused adapters
    /// as needed. Throws what `load` throws, or `.adapterCacheFull` when the adapter does not
    /// fit beside the adapters in use.
    public func acquire(_ name: String, load: () throws(OpenLoRAError) -> LoRAAdapter)
        throws(OpenLoRAError) -> AdapterLease {
        if let hit = state.withLock({ $0.acquireIfPresent(name) }) {
            return AdapterLease(cache: self, entryID: hit.id, name: name, adapter: hit.adapter)
        }
        let loaded = try load()
        let budget = byteBudget
        let (id, adapter) = try state.withLock { (state) throws(OpenLoRAError) -> (UInt64, LoRAAdapter) in
            let entry = try state.insert(loaded, named: name, referenceCount: 1, budget: budget)
            return (entry.id, entry.adapter)
        }
        return AdapterLease(cache: self, entryID: id, name: name, adapter: adapter)
    }

    /// Adds (or replaces) an adapter without leasing it, for registering adapters ahead of
    /// requests. A replaced adapter still in use stays alive for its leases.
    public func insert(_ adapter: LoRAAdapter, named name: String) throws(OpenLoRAError) {
        let budget = byteBudget
        try state.withLock { (state) throws(OpenLoRAError) in
            _ = try state.insert(adapter, named: name, referenceCount: 0, budget: budget)
        }
    }

    /// Forgets the adapter named `name`; returns false when it was not held. An adapter in
    /// use stays alive for its leases and is freed at the last release.
    @discardableResult
    public func unload(_ name: String) -> Bool {
        state.withLock { $0.unload(name) }
    }

    /// Whether an adapter named `name` is held.
    public func contains(_ name: String) -> Bool {
        state.withLock { $0.contains(name) }
    }

    /// The counters and gauges now.
    public var statistics: AdapterCacheStatistics {
        state.withLock { $0.statistics }
    }

    /// Ends one lease (called once per lease by `AdapterLease`).
    func release(entryID: UInt64) {
        state.withLock { $0.release(entryID) }
    }
}
