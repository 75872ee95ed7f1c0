/// The parsed header of a GGUF file: version, metadata, tensor directory and the position of
/// the data section, validated against the file's size. Parsing reads only the header and
/// copies out only the metadata and the directory; tensor data is never touched.
///
/// Validation: magic, version 2 or 3 (little-endian only), every count and length within
/// `GGUFLimits` and within the bytes that remain, UTF-8 strings, no duplicate keys or tensor
/// names, known value and tensor types, at most four dimensions whose element count fits
/// `elementCountMax` with a row length that is a whole number of blocks, `general.alignment`
/// a power-of-two UInt32, every tensor offset aligned, every tensor inside the file, and no
/// two tensors overlapping.
public struct GGUFHeader: Sendable {
    /// The format version (2 or 3).
    public let version: UInt32
    /// Metadata keys in file order.
    public let metadataKeys: [String]
    /// Metadata values by key.
    public let metadata: [String: GGUFValue]
    /// The tensor directory in file order.
    public let tensors: [GGUFTensorInfo]
    /// The data alignment: `general.alignment`, or 32 when absent.
    public let alignment: Int
    /// Where the data section starts in the file.
    public let dataOffset: Int
    /// The size of the file the header was validated against.
    public let fileByteCount: Int

    private let tensorIndex: [String: Int]

    /// The alignment a file without `general.alignment` has.
    public static let defaultAlignment = 32
    /// The key that overrides the alignment.
    public static let alignmentKey = "general.alignment"

    /// Parses and validates the header of the GGUF file whose bytes are `bytes`.
    public init(parsing bytes: UnsafeRawBufferPointer, limits: GGUFLimits = .standard) throws(ModelFileError) {
        var parser = GGUFHeaderParser(bytes, limits: limits)
        version = try parser.readPreamble()
        let counts = try parser.readCounts()
        (metadataKeys, metadata) = try parser.readMetadata(count: counts.metadata)
        alignment = metadata[Self.alignmentKey]?.integer ?? Self.defaultAlignment  // validated by the parser
        let entries = try parser.readTensorEntries(count: counts.tensors)
        dataOffset = try parser.alignedOffset(alignment: alignment)
        fileByteCount = bytes.count
        tensors = try GGUFTensorLayout.place(entries, dataOffset: dataOffset, alignment: alignment,
                                              fileByteCount: bytes.count, limits: limits)
        var index: [String: Int] = [:]
        for (position, tensor) in tensors.enumerated() { index[tensor.name] = position }
        tensorIndex = index
    }

    /// The value of metadata `key`.
    public subscript(key: String) -> GGUFValue? { metadata[key] }

    /// The directory entry of the tensor named `name`.
    public func tensor(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }
}
