import OpenLoRA
import Synchronization

/// An `AdapterCatalog` of named adapters behind an `AdapterCache`: each name has a loader
/// (a PEFT folder, or a closure), run on a cache miss. Thread-safe.
public final class AdapterRegistry: AdapterCatalog {
    /// The most adapters registered at once.
    public static let adapterCountMax = 4096

    /// The cache that holds loaded adapters (its statistics feed the metrics).
    public let cache: AdapterCache
    private let loaders = Mutex<[String: @Sendable () throws(OpenLoRAError) -> LoRAAdapter]>([:])

    /// A registry whose adapters are kept in `cache`.
    public init(cache: AdapterCache) {
        self.cache = cache
    }

    /// Serves the adapter `load` returns under `name` (replacing a registration of the same
    /// name and dropping its cached copy). Throws `.invalidAdapter` past `adapterCountMax`.
    public func register(_ name: String, load: @escaping @Sendable () throws(OpenLoRAError) -> LoRAAdapter)
        throws(OpenLoRAError) {
        try loaders.withLock { (loaders) throws(OpenLoRAError) in
            guard loaders[name] != nil || loaders.count < Self.adapterCountMax else {
                throw OpenLoRAError(.invalidAdapter, "more than \(Self.adapterCountMax) adapters registered")
            }
            loaders[name] = load
        }
        cache.unload(name)
    }

    /// Serves the PEFT adapter in `directory` (adapter_config.json, adapter_model.safetensors)
    /// for a model of `base`'s configuration under `name`.
    public func register(_ name: String, directory: String, base: LlamaConfiguration) throws(OpenLoRAError) {
        try register(name) { () throws(OpenLoRAError) -> LoRAAdapter in try LoRAAdapter(directory: directory, base: base) }
    }

    /// Stops serving `name`; requests already running keep their lease. Returns false when
    /// it was not registered.
    @discardableResult
    public func remove(_ name: String) -> Bool {
        let removed = loaders.withLock { $0.removeValue(forKey: name) != nil }
        cache.unload(name)
        return removed
    }

    public var adapterNames: [String] {
        loaders.withLock { Array($0.keys) }.sorted()
    }

    public func lease(named name: String) throws(OpenLoRAError) -> AdapterLease? {
        guard let load = loaders.withLock({ $0[name] }) else { return nil }
        return try cache.acquire(name) { () throws(OpenLoRAError) -> LoRAAdapter in try load() }
    }
}

extension AdapterRegistry {
    /// The cache's counters and gauges.
    public var cacheStatistics: AdapterCacheStatistics? { cache.statistics }
}
