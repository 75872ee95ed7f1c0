import LoRATraining

/// One unit of training data: a plain-text window or a rendered prompt/response row, as
/// tokens with its target mask, remembering the document it came from.
public struct TrainingExample: Sendable, Equatable {
    /// The content hash of the source document.
    public let contentHash: [UInt8]
    /// The tokens and which are predicted (prompt tokens are not).
    public let sequence: TrainingSequence

    /// An example of `sequence` from the document named `contentHash`.
    public init(contentHash: [UInt8], sequence: TrainingSequence) {
        self.contentHash = contentHash
        self.sequence = sequence
    }

    /// Token count.
    public var tokenCount: Int { sequence.tokens.count }
}
