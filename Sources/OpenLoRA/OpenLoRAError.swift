import ModelFiles
import Tensor

/// Why a model could not be loaded or run: a class of problem and a sentence naming it.
public struct OpenLoRAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: String, Equatable, Sendable {
        /// A model whose architecture is not Llama.
        case unsupportedArchitecture
        /// A configuration value that is missing, of the wrong type, out of its limits, or
        /// names a feature this runtime does not implement.
        case invalidConfiguration
        /// A tensor the architecture needs is absent.
        case missingTensor
        /// A tensor whose dimensions do not match the configuration.
        case shapeMismatch
        /// A tensor type the kernels do not compute with.
        case unsupportedType
        /// The model file itself was refused (truncated, corrupt, unreadable).
        case modelFile
        /// A token id outside the vocabulary.
        case tokenOutOfRange
        /// More positions than the context (or the state's capacity) holds.
        case contextOverflow
        /// Sampling or generation options out of their allowed ranges.
        case invalidOptions
        /// A LoRA adapter whose configuration or tensors are malformed, or that does not fit
        /// the base model (another model's dimensions or layers).
        case invalidAdapter
        /// A LoRA adapter that uses a PEFT feature this runtime does not implement (DoRA,
        /// `modules_to_save`, rank patterns, …), named in the message.
        case unsupportedAdapterFeature
        /// An adapter cache that cannot hold another adapter within its byte budget.
        case adapterCacheFull
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

    /// A model-file refusal.
    init(_ error: ModelFileError) {
        self.init(.modelFile, error.description)
    }

    /// A weight refused by the compute layer.
    init(_ error: TensorError) {
        switch error.kind {
        case .unsupportedType: self.init(.unsupportedType, error.message)
        case .shapeMismatch, .sizeMismatch: self.init(.shapeMismatch, error.message)
        }
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
