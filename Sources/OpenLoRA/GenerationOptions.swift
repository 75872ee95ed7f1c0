/// What `LlamaModel.generate` does besides sampling: when it stops.
public struct GenerationOptions: Sendable, Equatable {
    /// The most tokens generated.
    public var maximumTokenCount: Int
    /// How each token is chosen.
    public var sampling: SamplingParameters
    /// Tokens that end generation (not included in the output); nil uses the model's
    /// end-of-sequence ids.
    public var stopTokenIDs: Set<Int>?
    /// Token sequences that end generation when the output ends with one (the sequence is
    /// not included in the output, and no token of it is streamed).
    public var stopSequences: [[Int]]

    /// The most stop sequences, and the longest.
    public static let stopSequenceCountMaximum = 64
    public static let stopSequenceLengthMaximum = 256

    /// Options; `validate()` checks them.
    public init(maximumTokenCount: Int = 256, sampling: SamplingParameters = .greedy, stopTokenIDs: Set<Int>? = nil,
                stopSequences: [[Int]] = []) {
        self.maximumTokenCount = maximumTokenCount
        self.sampling = sampling
        self.stopTokenIDs = stopTokenIDs
        self.stopSequences = stopSequences
    }

    /// Throws `.invalidOptions` for a negative maximum, empty or oversized stop sequences, or
    /// sampling parameters out of range.
    public func validate() throws(OpenLoRAError) {
        guard maximumTokenCount >= 0 else {
            throw OpenLoRAError(.invalidOptions, "maximum token count \(maximumTokenCount) is negative")
        }
        guard stopSequences.count <= Self.stopSequenceCountMaximum,
              stopSequences.allSatisfy({ !$0.isEmpty && $0.count <= Self.stopSequenceLengthMaximum }) else {
            throw OpenLoRAError(.invalidOptions, "stop sequences must be 1...\(Self.stopSequenceLengthMaximum) tokens, "
                                + "at most \(Self.stopSequenceCountMaximum) of them")
        }
        try sampling.validate()
    }
}
