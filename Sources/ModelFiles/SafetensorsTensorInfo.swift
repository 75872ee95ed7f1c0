/// One tensor of a safetensors header, validated against the file it came from.
public struct SafetensorsTensorInfo: Equatable, Sendable {
    /// The tensor's name.
    public let name: String
    /// The element type.
    public let dtype: SafetensorsDType
    /// The shape, outermost dimension first (row-major, as PyTorch and NumPy write it).
    public let shape: [Int]
    /// The "data_offsets" pair: the tensor's bytes relative to the start of the data section.
    public let dataOffsets: Range<Int>
    /// Where the tensor's bytes lie in the file.
    public let byteRange: Range<Int>

    /// The number of elements.
    public var elementCount: Int { shape.reduce(1, *) }
}
