/// One training sequence: token ids and which of them are targets. Token i is a target when
/// `targetMask[i]` is true: the loss counts −log p(tokens[i] | tokens[..<i]). The first token
/// can never be a target (nothing predicts it); prompt tokens are masked out.
public struct TrainingSequence: Sendable, Equatable {
    /// The token ids, in order.
    public let tokens: [Int]
    /// Whether each token is predicted by the loss; as long as `tokens`.
    public let targetMask: [Bool]

    /// A sequence; `targetMask` must be as long as `tokens` and false at index 0
    /// (programmer error otherwise).
    public init(tokens: [Int], targetMask: [Bool]) {
        precondition(tokens.count == targetMask.count, "one mask entry per token")
        precondition(targetMask.first != true, "the first token has nothing before it to predict it")
        self.tokens = tokens
        self.targetMask = targetMask
    }

    /// A sequence whose every token after the first is a target (plain documents).
    public init(tokens: [Int]) {
        self.init(tokens: tokens, targetMask: tokens.indices.map { $0 > 0 })
    }

    /// How many tokens the loss predicts.
    public var targetCount: Int { targetMask.lazy.filter { $0 }.count }
}
