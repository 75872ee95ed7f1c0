/// The keys and values of every position a sequence has seen, per layer: the attention
/// memory that lets each decoding step process one token. Allocated once at its capacity.
///
/// Layout: keys and values are each [layerCount, capacity, width] Floats, a position's
/// `width` = keyValueHeadCount · headDimension elements contiguous (keys after RoPE).
public final class KeyValueCache {
    /// Transformer blocks.
    public let layerCount: Int
    /// Positions it can hold.
    public let capacity: Int
    /// Elements per position per layer.
    public let width: Int
    /// Positions filled: the next token's position.
    public internal(set) var count = 0
    let keys: UnsafeMutableBufferPointer<Float>
    let values: UnsafeMutableBufferPointer<Float>

    /// An empty cache.
    public init(layerCount: Int, capacity: Int, width: Int) {
        precondition(layerCount > 0 && capacity > 0 && width > 0, "a cache needs positive sizes")
        let (elements, overflow) = layerCount.multipliedReportingOverflow(by: capacity * width)
        precondition(!overflow, "cache size overflows")
        self.layerCount = layerCount
        self.capacity = capacity
        self.width = width
        keys = .allocate(capacity: elements)
        values = .allocate(capacity: elements)
        keys.initialize(repeating: 0)
        values.initialize(repeating: 0)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// The bytes the cache occupies.
    public var byteCount: Int { 2 * keys.count * MemoryLayout<Float>.stride }

    /// Forgets every position after the first `count` (0 empties the cache).
    public func truncate(to count: Int) {
        precondition(count >= 0 && count <= self.count, "cannot truncate \(self.count) positions to \(count)")
        self.count = count
    }

    /// Layer `layer`'s keys, all `capacity` positions.
    func keys(layer: Int) -> UnsafeMutableBufferPointer<Float> { slice(keys, layer) }

    /// Layer `layer`'s values, all `capacity` positions.
    func values(layer: Int) -> UnsafeMutableBufferPointer<Float> { slice(values, layer) }

    private func slice(_ buffer: UnsafeMutableBufferPointer<Float>, _ layer: Int) -> UnsafeMutableBufferPointer<Float> {
        precondition(layer >= 0 && layer < layerCount, "layer \(layer) outside 0..<\(layerCount)")
        let size = capacity * width
        return UnsafeMutableBufferPointer(rebasing: buffer[(layer * size)..<((layer + 1) * size)])
    }
}
