/// A tensor's bytes inside a model file, viewed in place: no copy is made, and the view keeps
/// the file's buffer (and so its mapping) alive.
///
/// `dimensions` are innermost first, as ggml's `ne` and GGUF store them: `dimensions[0]` is
/// the row length, the elements of a row are contiguous, and rows follow one another. (A
/// safetensors shape `[rows, columns]` is the view `[columns, rows]`.)
public struct TensorView: Sendable {
    /// The tensor's name in its file.
    public let name: String
    /// The element type.
    public let type: GGMLType
    /// The extent of each dimension, innermost first.
    public let dimensions: [Int]
    /// Where the tensor's bytes lie in `buffer`.
    public let byteRange: Range<Int>
    /// The file's bytes.
    public let buffer: ModelFileBuffer

    /// A view of `byteRange` in `buffer`; the caller has validated the range and sizes.
    init(name: String, type: GGMLType, dimensions: [Int], byteRange: Range<Int>, buffer: ModelFileBuffer) {
        precondition(byteRange.upperBound <= buffer.count, "tensor view outside its buffer")
        self.name = name
        self.type = type
        self.dimensions = dimensions
        self.byteRange = byteRange
        self.buffer = buffer
    }

    /// Elements per row (`dimensions[0]`; 1 for a scalar).
    public var rowLength: Int { dimensions.first ?? 1 }

    /// The number of rows: the product of all dimensions but the first.
    public var rowCount: Int { dimensions.dropFirst().reduce(1, *) }

    /// The number of elements.
    public var elementCount: Int { rowLength * rowCount }

    /// Bytes per row.
    public var rowByteCount: Int { byteRange.count / max(rowCount, 1) }

    /// Calls `body` with the tensor's bytes, which stay valid only during the call.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(rebasing: buffer.bytes[byteRange]))
    }

    /// The bytes of `rows` (a subrange of `0..<rowCount`), valid only during the call.
    public func withUnsafeBytes<Result, Failure: Error>(
        ofRows rows: Range<Int>, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount, "rows \(rows) outside 0..<\(rowCount)")
        let start = byteRange.lowerBound + rows.lowerBound * rowByteCount
        let end = byteRange.lowerBound + rows.upperBound * rowByteCount
        return try body(UnsafeRawBufferPointer(rebasing: buffer.bytes[start..<end]))
    }

    /// The Float values of `rows`, row after row. Throws `.unsupportedType` for a type that
    /// cannot be converted (see `GGMLType.isDequantizable`).
    public func dequantizeRows(_ rows: Range<Int>) throws(ModelFileError) -> [Float] {
        try GGMLDequantizer.requireSupported(type)
        return try withUnsafeBytes(ofRows: rows) { bytes throws(ModelFileError) in
            try GGMLDequantizer.dequantize(type, from: bytes)
        }
    }

    /// Writes the Float values of `rows` to `destination`, which holds at least
    /// `rows.count · rowLength` values.
    public func dequantizeRows(_ rows: Range<Int>, into destination: UnsafeMutableBufferPointer<Float>)
        throws(ModelFileError) {
        try withUnsafeBytes(ofRows: rows) { bytes throws(ModelFileError) in
            try GGMLDequantizer.dequantize(type, from: bytes, into: destination)
        }
    }

    /// The Float values of every element.
    public func dequantize() throws(ModelFileError) -> [Float] {
        try dequantizeRows(0..<rowCount)
    }
}
