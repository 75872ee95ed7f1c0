import ModelFiles

/// A weight matrix of `rowCount` rows (output features) by `columnCount` columns (input
/// features), stored in a ggml type and kept in that type: a quantized matrix is never
/// expanded as a whole. Rows are contiguous and follow one another, as in ggml and GGUF.
///
/// A matrix made from a `TensorView` reads the file's bytes in place (a mapped file costs no
/// memory until it is used); F32 data that is not 4-byte aligned is copied once, so that
/// OpenBLAS can read it. Copies of a matrix share its bytes.
public struct WeightMatrix: Sendable {
    /// The stored element type.
    public let type: GGMLType
    /// Output features: the number of rows.
    public let rowCount: Int
    /// Input features: the elements of a row.
    public let columnCount: Int
    /// The bytes of one row.
    public let rowByteCount: Int
    let storage: WeightStorage

    /// The types the kernels compute with.
    public static let supportedTypes: Set<GGMLType> = [.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1]

    /// The matrix `view` holds: a 2-D tensor (dimensions [columns, rows]) of a supported type.
    public init(_ view: TensorView) throws(TensorError) {
        guard view.dimensions.count == 2 else {
            throw TensorError(.shapeMismatch, "\(view.name) has dimensions \(view.dimensions); a matrix has two")
        }
        try self.init(view, rowCount: view.dimensions[1], columnCount: view.dimensions[0])
    }

    /// The matrix `view` holds, read as `rowCount` rows of `columnCount` elements (a 1-D view
    /// may be read as one row, a 3-D one as the rows of its outer dimensions).
    public init(_ view: TensorView, rowCount: Int, columnCount: Int) throws(TensorError) {
        try Self.requireSupported(view.type, name: view.name)
        guard view.rowLength == columnCount, view.rowCount == rowCount else {
            throw TensorError(.shapeMismatch, "\(view.name) has dimensions \(view.dimensions), "
                              + "not \(rowCount) rows of \(columnCount)")
        }
        let rowBytes = try Self.rowByteCount(view.type, columnCount: columnCount, name: view.name)
        guard view.byteRange.count == rowBytes * rowCount else {
            throw TensorError(.sizeMismatch,
                              "\(view.name) holds \(view.byteRange.count) bytes, not \(rowBytes * rowCount)")
        }
        let start = UInt(bitPattern: view.buffer.bytes.baseAddress) &+ UInt(view.byteRange.lowerBound)
        if view.type == .f32 && start % 4 != 0 {
            storage = view.withUnsafeBytes { WeightStorage(copying: $0) }
        } else {
            storage = WeightStorage(buffer: view.buffer, range: view.byteRange)
        }
        (type, self.rowCount, self.columnCount, rowByteCount) = (view.type, rowCount, columnCount, rowBytes)
    }

    /// A matrix of `type` from its stored bytes (rows one after another).
    public init(type: GGMLType, rowCount: Int, columnCount: Int, bytes: [UInt8]) throws(TensorError) {
        try Self.requireSupported(type, name: "matrix")
        precondition(rowCount >= 0, "negative row count")
        let rowBytes = try Self.rowByteCount(type, columnCount: columnCount, name: "matrix")
        guard bytes.count == rowBytes * rowCount else {
            throw TensorError(.sizeMismatch, "\(bytes.count) bytes are not \(rowCount) rows of \(rowBytes)")
        }
        storage = bytes.withUnsafeBytes { WeightStorage(copying: $0) }
        (self.type, self.rowCount, self.columnCount, rowByteCount) = (type, rowCount, columnCount, rowBytes)
    }

    /// An F32 matrix holding `values` row after row.
    public init(rowCount: Int, columnCount: Int, values: [Float]) {
        precondition(rowCount >= 0 && columnCount >= 0, "negative extent")
        precondition(values.count == rowCount * columnCount,
                     "\(values.count) values are not \(rowCount) × \(columnCount)")
        storage = values.withUnsafeBytes { WeightStorage(copying: $0) }
        (type, self.rowCount, self.columnCount, rowByteCount) = (.f32, rowCount, columnCount, columnCount * 4)
    }

    /// `values` (row after row) stored as `type` by ggml's reference quantizer.
    public init(quantizing values: [Float], rowCount: Int, columnCount: Int, to type: GGMLType) throws(TensorError) {
        precondition(values.count == rowCount * columnCount,
                     "\(values.count) values are not \(rowCount) × \(columnCount)")
        try Self.requireSupported(type, name: "matrix")
        _ = try Self.rowByteCount(type, columnCount: columnCount, name: "matrix")
        try self.init(type: type, rowCount: rowCount, columnCount: columnCount,
                      bytes: GGMLQuantizer.quantize(values, to: type))
    }

    /// The bytes the matrix occupies.
    public var byteCount: Int { rowByteCount * rowCount }

    /// Identifies the bytes: equal for copies of one matrix (a tied output and embedding), so a
    /// backend that mirrors weights elsewhere can key its copies by it.
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// The first byte of row `row`.
    @inline(__always)
    func rowAddress(_ row: Int) -> UnsafeRawPointer { storage.base + row * rowByteCount }

    /// The first element of an F32 matrix, 4-byte aligned.
    var floatBase: UnsafePointer<Float> {
        precondition(type == .f32, "\(type.name) is not F32")
        return storage.base.assumingMemoryBound(to: Float.self)
    }

    /// Σc self[row, c] · vector[c]; `vector` holds `columnCount` values in stored order.
    public func dot(row: Int, with vector: UnsafePointer<Float>) -> Float {
        precondition(row >= 0 && row < rowCount, "row \(row) outside 0..<\(rowCount)")
        return withArrangedInput(vector) { Self.dot(type, rowAddress(row), $0, count: columnCount) }
    }

    /// Calls `body` with `vector` (`columnCount` values) in the order this type's row dot
    /// product reads it (`InputLayout`): the vector itself for F32, else a temporary copy.
    func withArrangedInput<Result>(_ vector: UnsafePointer<Float>, _ body: (UnsafePointer<Float>) -> Result) -> Result {
        if InputLayout.isIdentity(type) { return body(vector) }
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: max(columnCount, 1)) { buffer in
            InputLayout.arrange(type, vector, count: columnCount, into: buffer.baseAddress!)
            return body(buffer.baseAddress!)
        }
    }

    /// The row dot product of `type` on an arranged vector, dispatched once per row.
    @inline(__always)
    static func dot(_ type: GGMLType, _ row: UnsafeRawPointer, _ arranged: UnsafePointer<Float>, count: Int) -> Float {
        switch type {
        case .f32: RowDot.f32(row, arranged, count: count)
        case .f16: RowDot.f16(row, arranged, count: count)
        case .bf16: RowDot.bf16(row, arranged, count: count)
        case .q8_0: RowDot.q8_0(row, arranged, count: count)
        case .q4_0: RowDot.q4_0(row, arranged, count: count)
        case .q4_1: RowDot.q4_1(row, arranged, count: count)
        default: preconditionFailure("\(type.name) has no row dot product")
        }
    }

    /// Writes the Float values of `rows` to `destination` (`rows.count · columnCount` values).
    public func dequantizeRows(_ rows: Range<Int>, into destination: UnsafeMutableBufferPointer<Float>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount, "rows \(rows) outside 0..<\(rowCount)")
        precondition(destination.count >= rows.count * columnCount, "destination too small")
        let bytes = UnsafeRawBufferPointer(start: rowAddress(rows.lowerBound), count: rows.count * rowByteCount)
        do {
            try GGMLDequantizer.dequantize(type, from: bytes, into: destination)
        } catch {
            preconditionFailure("supported types are dequantizable: \(error)")
        }
    }

    /// The Float values of every element, row after row.
    public func dequantized() -> [Float] {
        [Float](unsafeUninitializedCapacity: rowCount * columnCount) { buffer, initialized in
            dequantizeRows(0..<rowCount, into: buffer)
            initialized = rowCount * columnCount
        }
    }

    private static func requireSupported(_ type: GGMLType, name: String) throws(TensorError) {
        guard supportedTypes.contains(type) else {
            let names = supportedTypes.map(\.name).sorted().joined(separator: ", ")
            throw TensorError(.unsupportedType, "\(name) is \(type.name); the kernels compute with \(names)")
        }
    }

    private static func rowByteCount(_ type: GGMLType, columnCount: Int, name: String) throws(TensorError) -> Int {
        guard columnCount >= 0, let bytes = type.rowByteCount(rowLength: columnCount) else {
            throw TensorError(.shapeMismatch, "\(name): a row of \(columnCount) is not a whole number of "
                              + "\(type.blockElementCount)-element \(type.name) blocks")
        }
        return bytes
    }
}
