import OpenLoRA

/// The adapters the API serves: their names for `GET /v1/models`, and a lease on one for a
/// request whose `model` names it.
public protocol AdapterCatalog: Sendable {
    /// The names of the adapters served, sorted.
    var adapterNames: [String] { get }

    /// A lease on the adapter `name`, loading it when it is not cached; nil when no adapter
    /// has that name. Called on IO's worker pool: it may read files.
    func lease(named name: String) throws(OpenLoRAError) -> AdapterLease?

    /// The statistics of the cache behind the catalog, if it has one.
    var cacheStatistics: AdapterCacheStatistics? { get }
}

extension AdapterCatalog {
    /// The statistics of the cache behind the catalog, if it has one (nil by default).
    public var cacheStatistics: AdapterCacheStatistics? { nil }
}
