/// The named limits a safetensors header and a sharded index are checked against.
public struct SafetensorsLimits: Sendable, Equatable {
    /// Largest JSON header in bytes (the reference implementation's MAX_HEADER_SIZE).
    public var headerByteCountMax: Int
    /// Most tensors in one file.
    public var tensorCountMax: Int
    /// Most dimensions of one tensor.
    public var dimensionCountMax: Int
    /// Most elements in one tensor.
    public var elementCountMax: Int
    /// Largest `model.safetensors.index.json` in bytes.
    public var indexByteCountMax: Int
    /// Most shards a sharded index may name.
    public var shardCountMax: Int

    /// The limits used when none are given.
    public static let standard = SafetensorsLimits(
        headerByteCountMax: 100_000_000, tensorCountMax: 1 << 20, dimensionCountMax: 16,
        elementCountMax: 1 << 40, indexByteCountMax: 64 << 20, shardCountMax: 4096)

    /// Limits with the given values.
    public init(headerByteCountMax: Int, tensorCountMax: Int, dimensionCountMax: Int, elementCountMax: Int,
                indexByteCountMax: Int, shardCountMax: Int) {
        self.headerByteCountMax = headerByteCountMax
        self.tensorCountMax = tensorCountMax
        self.dimensionCountMax = dimensionCountMax
        self.elementCountMax = elementCountMax
        self.indexByteCountMax = indexByteCountMax
        self.shardCountMax = shardCountMax
    }
}
