/// A safetensors file: its validated header and its bytes, with in-place views of its tensors.
///
/// Open a file with `init(contentsOfFile:)`, which maps it, or parse bytes already in memory
/// with `init(bytes:)`.
public struct SafetensorsFile: Sendable {
    /// The header: metadata and tensor directory.
    public let header: SafetensorsHeader
    /// The file's bytes.
    public let buffer: ModelFileBuffer

    /// Maps the file at `path` and parses its header.
    public init(contentsOfFile path: String, limits: SafetensorsLimits = .standard) throws(ModelFileError) {
        try self.init(buffer: ModelFileBuffer(mappingFileAt: path), limits: limits)
    }

    /// Parses a copy of `bytes`.
    public init(bytes: [UInt8], limits: SafetensorsLimits = .standard) throws(ModelFileError) {
        try self.init(buffer: ModelFileBuffer(copying: bytes), limits: limits)
    }

    /// Parses the file whose bytes are `buffer`.
    public init(buffer: ModelFileBuffer, limits: SafetensorsLimits = .standard) throws(ModelFileError) {
        header = try SafetensorsHeader(parsing: buffer.bytes, limits: limits)
        self.buffer = buffer
    }

    /// The names of the tensors, in the order their data lies in the file.
    public var tensorNames: [String] { header.tensors.map(\.name) }

    /// A compute view of the tensor named `name` (nil when there is none). Throws
    /// `.unsupportedType` for a dtype other than F32, F16 and BF16.
    public func tensor(named name: String) throws(ModelFileError) -> TensorView? {
        guard let info = header.tensor(named: name) else { return nil }
        return try view(info)
    }

    /// A compute view of `info` (a tensor of this file); its dimensions are the shape reversed.
    public func view(_ info: SafetensorsTensorInfo) throws(ModelFileError) -> TensorView {
        guard let type = info.dtype.ggmlType else {
            throw ModelFileError(.unsupportedType, at: nil,
                                 "tensor \(info.name) is \(info.dtype.rawValue); only F32, F16 and BF16 are computed")
        }
        return TensorView(name: info.name, type: type, dimensions: info.shape.reversed(), byteRange: info.byteRange,
                          buffer: buffer)
    }

    /// Calls `body` with the raw bytes of `info` (any dtype), valid only during the call.
    public func withUnsafeBytes<Result, Failure: Error>(
        of info: SafetensorsTensorInfo, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(rebasing: buffer.bytes[info.byteRange]))
    }
}
