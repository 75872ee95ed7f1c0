/// Counters and gauges of an `AdapterCache`.
public struct AdapterCacheStatistics: Sendable, Equatable {
    /// Acquisitions that found the adapter loaded.
    public var hitCount = 0
    /// Acquisitions that had to load it.
    public var missCount = 0
    /// Adapters removed to make room (least recently used first).
    public var evictionCount = 0
    /// Adapters held, by name (those unloaded while in use are not counted).
    public var adapterCount = 0
    /// Adapters with at least one lease, including unloaded ones still in use.
    public var inUseCount = 0
    /// Bytes of every adapter held, including unloaded ones still in use.
    public var byteCount = 0

    /// No activity.
    public init() {}
}
