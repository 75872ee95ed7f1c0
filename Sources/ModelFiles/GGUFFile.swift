/// A GGUF file: its validated header and its bytes, with in-place views of its tensors.
///
/// Open a file with `init(contentsOfFile:)`, which maps it (a multi-gigabyte model costs no
/// memory until its tensors are read), or parse bytes already in memory with `init(bytes:)`.
public struct GGUFFile: Sendable {
    /// The header: version, metadata, tensor directory.
    public let header: GGUFHeader
    /// The file's bytes.
    public let buffer: ModelFileBuffer

    /// Maps the file at `path` and parses its header.
    public init(contentsOfFile path: String, limits: GGUFLimits = .standard) throws(ModelFileError) {
        try self.init(buffer: ModelFileBuffer(mappingFileAt: path), limits: limits)
    }

    /// Parses a copy of `bytes`.
    public init(bytes: [UInt8], limits: GGUFLimits = .standard) throws(ModelFileError) {
        try self.init(buffer: ModelFileBuffer(copying: bytes), limits: limits)
    }

    /// Parses the file whose bytes are `buffer`.
    public init(buffer: ModelFileBuffer, limits: GGUFLimits = .standard) throws(ModelFileError) {
        header = try GGUFHeader(parsing: buffer.bytes, limits: limits)
        self.buffer = buffer
    }

    /// Metadata value of `key`.
    public subscript(key: String) -> GGUFValue? { header[key] }

    /// A view of the tensor named `name`, or nil when there is none.
    public func tensor(named name: String) -> TensorView? {
        header.tensor(named: name).map(view)
    }

    /// Views of every tensor, in directory order.
    public var tensors: [TensorView] { header.tensors.map(view) }

    /// A view of the tensor `info` describes (an entry of this file's directory).
    public func view(_ info: GGUFTensorInfo) -> TensorView {
        TensorView(name: info.name, type: info.type, dimensions: info.dimensions, byteRange: info.byteRange,
                   buffer: buffer)
    }
}
