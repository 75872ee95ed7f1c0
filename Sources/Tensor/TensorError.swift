/// Why a tensor or weight could not be used: a class of problem and a sentence naming it.
public struct TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: String, Equatable, Sendable {
        /// A ggml type the kernels do not compute with.
        case unsupportedType
        /// Dimensions that do not make the matrix or vector asked for.
        case shapeMismatch
        /// Bytes whose count does not match the declared type and shape.
        case sizeMismatch
    }

    /// The class of problem.
    public let kind: Kind
    /// A sentence naming what was wrong.
    public let message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
