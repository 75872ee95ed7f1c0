import Synchronization

/// One request's hold on a cached adapter: while any lease on an adapter is unreleased, its
/// `AdapterCache` does not evict it. Release it when the request ends (`release()`, which may
/// be called more than once); a lease that is freed unreleased releases itself.
public final class AdapterLease: Sendable {
    /// The name the adapter was acquired under.
    public let name: String
    /// The adapter.
    public let adapter: LoRAAdapter
    private let cache: AdapterCache
    private let entryID: UInt64
    private let isReleased = Atomic<Bool>(false)

    init(cache: AdapterCache, entryID: UInt64, name: String, adapter: LoRAAdapter) {
        self.cache = cache
        self.entryID = entryID
        self.name = name
        self.adapter = adapter
    }

    /// Ends the hold; later calls do nothing.
    public func release() {
        guard !isReleased.exchange(true, ordering: .acquiringAndReleasing) else { return }
        cache.release(entryID: entryID)
    }

    deinit {
        release()
    }
}
