/// Why influence attribution was refused: a class of problem and a sentence that says what was
/// wrong and, where it helps, what to do.
public struct InfluenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: String, Equatable, Sendable {
        /// A gradient store without records: nothing can be credited.
        case emptyStore
        /// A store, a parameter vector or a model made for another adapter layout.
        case layoutMismatch
        /// A query gradient whose dimension or segment count is not the store's.
        case dimensionMismatch
        /// Stores that do not hold the same examples in the same order (TracIn).
        case storeMismatch
        /// A revealed prompt/output the method cannot evaluate: no output token, a token outside
        /// the vocabulary, a sequence longer than the engine takes.
        case invalidQuery
        /// The gradient engine failed for another reason.
        case gradientFailed
        /// A gradient or a score that is NaN or infinite.
        case nonFiniteValue
        /// The attributor was given the wrong number of checkpoints for its method.
        case invalidCheckpoints
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
