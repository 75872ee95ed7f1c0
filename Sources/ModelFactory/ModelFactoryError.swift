/// Why a fine-tuning job, its data or one of its files was refused: a class of problem and a
/// sentence that says what was wrong and, where it helps, what to do.
public struct ModelFactoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: String, Equatable, Sendable {
        /// A training configuration value outside its allowed range.
        case invalidConfiguration
        /// A Datanet with no usable text, or a document that cannot become training data.
        case invalidData
        /// A prompt/response row longer than the configured sequence length.
        case sequenceTooLong
        /// A loss or gradient that is NaN or infinite: the job stopped.
        case nonFiniteValue
        /// The training objective (the gradient engine) failed.
        case objectiveFailed
        /// A checkpoint that is truncated, corrupt, of another version or another job.
        case invalidCheckpoint
        /// A gradient store file that is truncated, corrupt or of another version.
        case invalidGradientStore
        /// A size above one of the named limits.
        case limitExceeded
        /// Reading or writing a file failed.
        case fileSystem
        /// The adapter could not be built or written.
        case adapter
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
