/// One entry of a GGUF tensor directory, validated against the file it came from.
public struct GGUFTensorInfo: Equatable, Sendable {
    /// The tensor's name.
    public let name: String
    /// The extent of each dimension, innermost first (ggml's `ne`), at most four.
    public let dimensions: [Int]
    /// The element type.
    public let type: GGMLType
    /// The data's offset from the start of the data section (a multiple of the alignment).
    public let offset: Int
    /// Where the data lies in the file.
    public let byteRange: Range<Int>
    /// Where the directory entry itself starts in the file (for error messages).
    public let entryOffset: Int

    /// The number of elements.
    public var elementCount: Int { dimensions.reduce(1, *) }
}
