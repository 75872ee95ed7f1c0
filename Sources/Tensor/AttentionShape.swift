/// The sizes one causal attention call covers: `tokenCount` queries at positions
/// `startPosition ..< startPosition + tokenCount`, attending over a key-value cache that holds
/// positions `0 ..< startPosition + tokenCount` (the queries' own keys included).
///
/// Query head h reads key-value head h / (headCount / keyValueHeadCount), as Hugging Face's
/// `repeat_kv` and ggml's broadcasting both arrange grouped-query attention.
public struct AttentionShape: Sendable, Equatable {
    /// The number of query tokens.
    public let tokenCount: Int
    /// The position of the first query token.
    public let startPosition: Int
    /// Query heads.
    public let headCount: Int
    /// Key and value heads; divides `headCount`.
    public let keyValueHeadCount: Int
    /// Elements per head.
    public let headDimension: Int

    /// A shape; precondition: positive sizes and `keyValueHeadCount` divides `headCount`.
    public init(tokenCount: Int, startPosition: Int, headCount: Int, keyValueHeadCount: Int, headDimension: Int) {
        precondition(tokenCount > 0 && startPosition >= 0 && headDimension > 0, "invalid attention sizes")
        precondition(keyValueHeadCount > 0 && headCount % keyValueHeadCount == 0, "kv heads must divide heads")
        self.tokenCount = tokenCount
        self.startPosition = startPosition
        self.headCount = headCount
        self.keyValueHeadCount = keyValueHeadCount
        self.headDimension = headDimension
    }

    /// Elements of one token's queries (and of its attention output).
    public var queryWidth: Int { headCount * headDimension }
    /// Elements of one position's keys (and values) in the cache.
    public var keyValueWidth: Int { keyValueHeadCount * headDimension }
    /// The positions the cache must hold.
    public var positionCount: Int { startPosition + tokenCount }
}
