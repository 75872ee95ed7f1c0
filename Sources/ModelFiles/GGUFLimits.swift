/// The named limits a GGUF header is checked against before anything it declares is
/// allocated. The defaults admit every published model known to us (the largest vocabularies
/// have about 256 Ki tokens, the largest tensor directories a few thousand entries).
public struct GGUFLimits: Sendable, Equatable {
    /// Most tensors in the directory.
    public var tensorCountMax: Int
    /// Most metadata key/value pairs.
    public var metadataCountMax: Int
    /// Longest string (key, value, or array element) in bytes.
    public var stringByteCountMax: Int
    /// Longest tensor name in bytes.
    public var tensorNameByteCountMax: Int
    /// Most elements in one metadata array.
    public var arrayCountMax: Int
    /// Deepest nesting of metadata arrays (1: arrays of scalars only).
    public var arrayDepthMax: Int
    /// Most dimensions of one tensor (ggml's GGML_MAX_DIMS).
    public var dimensionCountMax: Int
    /// Most elements in one tensor.
    public var elementCountMax: Int

    /// The limits used when none are given.
    public static let standard = GGUFLimits(
        tensorCountMax: 1 << 16, metadataCountMax: 1 << 16, stringByteCountMax: 16 << 20,
        tensorNameByteCountMax: 256, arrayCountMax: 1 << 24, arrayDepthMax: 4,
        dimensionCountMax: 4, elementCountMax: 1 << 40)

    /// Limits with the given values.
    public init(tensorCountMax: Int, metadataCountMax: Int, stringByteCountMax: Int, tensorNameByteCountMax: Int,
                arrayCountMax: Int, arrayDepthMax: Int, dimensionCountMax: Int, elementCountMax: Int) {
        self.tensorCountMax = tensorCountMax
        self.metadataCountMax = metadataCountMax
        self.stringByteCountMax = stringByteCountMax
        self.tensorNameByteCountMax = tensorNameByteCountMax
        self.arrayCountMax = arrayCountMax
        self.arrayDepthMax = arrayDepthMax
        self.dimensionCountMax = dimensionCountMax
        self.elementCountMax = elementCountMax
    }
}
