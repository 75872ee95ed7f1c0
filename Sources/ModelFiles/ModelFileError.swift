/// Why a model file (GGUF, safetensors, or a sharded index) was refused: what was wrong and,
/// where it is known, the byte offset in the file at which the problem was found.
public struct ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem, for callers and tests that branch on it.
    public enum Kind: String, Equatable, Sendable {
        /// The file ends before a field it declares.
        case truncated
        /// The file does not start with the format's magic bytes.
        case badMagic
        /// A version this reader does not support (GGUF v1, or newer than v3).
        case unsupportedVersion
        /// A big-endian GGUF file; only little-endian files are read.
        case bigEndian
        /// A count or length above its named limit.
        case limitExceeded
        /// Sizes or offsets whose arithmetic overflows.
        case arithmeticOverflow
        /// A string that is not valid UTF-8.
        case invalidString
        /// A GGUF metadata value type this reader does not know.
        case unknownValueType
        /// A value of the wrong type or out of its allowed range.
        case invalidValue
        /// A metadata key that appears twice.
        case duplicateKey
        /// A tensor name that appears twice.
        case duplicateTensor
        /// A ggml tensor type or safetensors dtype this reader does not know.
        case unknownTensorType
        /// A shape with too many dimensions, or a row that is not a whole number of blocks.
        case invalidShape
        /// A tensor whose data does not start on the file's alignment.
        case misaligned
        /// A tensor whose bytes lie outside the file.
        case tensorOutOfBounds
        /// Two tensors whose bytes overlap.
        case tensorOverlap
        /// Bytes in the data section that no tensor claims (safetensors).
        case tensorGap
        /// A header that is not valid JSON.
        case invalidJSON
        /// JSON that is valid but not the structure the format requires.
        case invalidHeader
        /// A tensor whose byte count differs from its shape times its element size.
        case sizeMismatch
        /// A tensor type that is read but cannot be converted to Float.
        case unsupportedType
        /// A tensor named by a sharded index but missing from its shard, or absent.
        case missingTensor
        /// The operating system refused to open, map, or write a file.
        case fileSystem
    }

    /// The class of problem.
    public let kind: Kind
    /// The byte offset in the file (or header) where the problem was found, when known.
    public let offset: Int?
    /// A sentence naming what was wrong.
    public let message: String

    /// An error of `kind` found at `offset`.
    public init(_ kind: Kind, at offset: Int?, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    public var description: String {
        if let offset { return "\(kind.rawValue) at byte \(offset): \(message)" }
        return "\(kind.rawValue): \(message)"
    }
}
