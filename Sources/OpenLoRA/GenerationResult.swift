/// Why generation stopped.
public enum StopReason: Sendable, Equatable {
    /// A stop token (end of sequence) was sampled.
    case stopToken(Int)
    /// The output ended with this stop sequence.
    case stopSequence([Int])
    /// The maximum token count was reached.
    case maximumTokens
    /// The state's key-value cache is full.
    case contextFull
    /// The token callback asked to stop.
    case cancelled
}

/// The outcome of `LlamaModel.generate`.
public struct GenerationResult: Sendable, Equatable {
    /// The generated tokens, exactly those streamed to the callback: no stop token, no stop
    /// sequence.
    public let tokens: [Int]
    /// Why generation stopped.
    public let stopReason: StopReason

    /// A result.
    public init(tokens: [Int], stopReason: StopReason) {
        self.tokens = tokens
        self.stopReason = stopReason
    }
}
