import LoRATraining

/// What an answer reveals for attribution: the prompt's token ids (the chat template rendered
/// up to and including the opening of the assistant's turn, as ModelFactory renders a row's
/// prompt) and the generated output's token ids.
public struct InfluenceQuery: Sendable, Equatable {
    /// The prompt's tokens.
    public let promptTokens: [Int]
    /// The output's tokens.
    public let outputTokens: [Int]

    /// A query of the given tokens (checked when a sequence is made).
    public init(promptTokens: [Int], outputTokens: [Int]) {
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
    }

    /// The sequence whose gradient is the query gradient: the last `promptTokenCountMax`
    /// prompt tokens, then the first `outputTokenCountMax` output tokens, which are the
    /// targets (an output token at index 0 has nothing before it and is not a target). Throws
    /// `.invalidQuery` for a negative token id or when no output token is a target.
    public func sequence(parameters: InfluenceParameters) throws(InfluenceError) -> TrainingSequence {
        let prompt = Array(promptTokens.suffix(parameters.promptTokenCountMax))
        let output = Array(outputTokens.prefix(parameters.outputTokenCountMax))
        let tokens = prompt + output
        if let bad = tokens.first(where: { $0 < 0 }) {
            throw InfluenceError(.invalidQuery, "token id \(bad) is negative")
        }
        let mask = tokens.indices.map { $0 >= prompt.count && $0 > 0 }
        guard mask.contains(true) else {
            throw InfluenceError(.invalidQuery, "the query has no output token to attribute (an output needs a "
                                 + "token before it: a non-empty prompt, or at least two output tokens)")
        }
        return TrainingSequence(tokens: tokens, targetMask: mask)
    }
}
