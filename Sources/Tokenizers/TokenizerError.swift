/// Why a tokenizer file, a chat template or a conversation was refused: the class of problem
/// and a sentence naming what was wrong. Loading never traps on malformed input; it throws this.
public struct TokenizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem, for callers and tests that branch on it.
    public enum Kind: String, Equatable, Sendable {
        /// The file is not valid JSON (or not a readable GGUF header).
        case invalidFile
        /// A field the format requires is absent.
        case missingField
        /// A field has the wrong type or a value out of its allowed range.
        case invalidField
        /// A component (model, normalizer, pre-tokenizer, decoder, post-processor) or an option
        /// of one that this implementation does not support; the message names it.
        case unsupportedComponent
        /// A count or length above its named limit.
        case limitExceeded
        /// The vocabulary is inconsistent: duplicate tokens or ids, missing ids, a merge that
        /// names a token the vocabulary lacks.
        case invalidVocabulary
        /// A conversation that the chat template cannot render (roles out of order).
        case invalidConversation
        /// The operating system refused to read a file.
        case fileSystem
    }

    /// The class of problem.
    public let kind: Kind
    /// A sentence naming what was wrong.
    public let message: String

    /// An error of `kind` explained by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
