/// Why a gradient engine could not be made or a sequence could not be evaluated: a class of
/// problem and a sentence naming it.
public struct LoRATrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: String, Equatable, Sendable {
        /// A parameter layout made for a base model of other dimensions.
        case incompatibleLayout
        /// A dropout probability outside [0, 1), or a limit outside its allowed range.
        case invalidSetting
        /// A sequence with no tokens.
        case emptySequence
        /// A sequence longer than the engine's `sequenceLengthMaximum`.
        case sequenceTooLong
        /// A token id outside the model's vocabulary.
        case tokenOutOfRange
        /// A parameter or gradient vector whose length is not the layout's parameter count.
        case parameterCountMismatch
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
