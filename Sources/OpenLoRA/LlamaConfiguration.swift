import Tensor

/// The hyperparameters of a Llama-architecture model, read from GGUF metadata (`llama.*`)
/// or a Hugging Face config.json, and checked against `LlamaConfiguration.Limits`.
public struct LlamaConfiguration: Sendable, Equatable {
    /// Tokens in the vocabulary (rows of the embedding and output matrices).
    public var vocabularySize: Int
    /// The model width: elements of the residual stream per token.
    public var embeddingLength: Int
    /// The width of the SwiGLU hidden layer.
    public var feedForwardLength: Int
    /// Transformer blocks.
    public var blockCount: Int
    /// Query heads.
    public var headCount: Int
    /// Key and value heads (grouped-query attention when fewer than `headCount`).
    public var keyValueHeadCount: Int
    /// Elements per head.
    public var headDimension: Int
    /// The positions the model was trained for.
    public var contextLength: Int
    /// RMSNorm's ε.
    public var rmsNormEpsilon: Float
    /// RoPE's base (θ).
    public var ropeFrequencyBase: Double
    /// RoPE's frequency scaling.
    public var ropeScaling: RopeScaling
    /// Which elements RoPE rotates together: `.halves` for Hugging Face weights,
    /// `.interleaved` for GGUF weights (whose Q/K rows llama.cpp's converter permuted).
    public var ropeLayout: RopeLayout
    /// Whether the output projection is the token embedding matrix.
    public var tiesEmbeddings: Bool

    /// Upper bounds on every size a model file declares, checked before anything is allocated.
    public enum Limits {
        /// Most tokens in a vocabulary.
        public static let vocabularySizeMaximum = 1 << 22
        /// Widest embedding, feed-forward layer and head.
        public static let widthMaximum = 1 << 18
        /// Most transformer blocks.
        public static let blockCountMaximum = 1 << 10
        /// Most heads.
        public static let headCountMaximum = 1 << 10
        /// Longest context.
        public static let contextLengthMaximum = 1 << 22
    }

    /// A configuration; call `validate()` before using one built by hand.
    public init(vocabularySize: Int, embeddingLength: Int, feedForwardLength: Int, blockCount: Int, headCount: Int,
                keyValueHeadCount: Int, headDimension: Int, contextLength: Int, rmsNormEpsilon: Float,
                ropeFrequencyBase: Double, ropeScaling: RopeScaling = .none, ropeLayout: RopeLayout,
                tiesEmbeddings: Bool) {
        self.vocabularySize = vocabularySize
        self.embeddingLength = embeddingLength
        self.feedForwardLength = feedForwardLength
        self.blockCount = blockCount
        self.headCount = headCount
        self.keyValueHeadCount = keyValueHeadCount
        self.headDimension = headDimension
        self.contextLength = contextLength
        self.rmsNormEpsilon = rmsNormEpsilon
        self.ropeFrequencyBase = ropeFrequencyBase
        self.ropeScaling = ropeScaling
        self.ropeLayout = ropeLayout
        self.tiesEmbeddings = tiesEmbeddings
    }

    /// Elements of one token's queries: headCount · headDimension.
    public var queryWidth: Int { headCount * headDimension }
    /// Elements of one token's keys (or values): keyValueHeadCount · headDimension.
    public var keyValueWidth: Int { keyValueHeadCount * headDimension }

    /// RoPE's inverse frequency for each pair of a head.
    public func inverseFrequencies() -> [Float] {
        ropeScaling.inverseFrequencies(base: ropeFrequencyBase, headDimension: headDimension)
    }

    /// Checks every size against `Limits` and the relations between them.
    public func validate() throws(OpenLoRAError) {
        try Self.check("vocabulary size", vocabularySize, Limits.vocabularySizeMaximum)
        try Self.check("embedding length", embeddingLength, Limits.widthMaximum)
        try Self.check("feed-forward length", feedForwardLength, Limits.widthMaximum)
        try Self.check("head dimension", headDimension, Limits.widthMaximum)
        try Self.check("block count", blockCount, Limits.blockCountMaximum)
        try Self.check("head count", headCount, Limits.headCountMaximum)
        try Self.check("key-value head count", keyValueHeadCount, Limits.headCountMaximum)
        try Self.check("context length", contextLength, Limits.contextLengthMaximum)
        try Self.check("query width", queryWidth, Limits.widthMaximum)
        guard headCount % keyValueHeadCount == 0 else {
            throw OpenLoRAError(.invalidConfiguration,
                                "\(keyValueHeadCount) key-value heads do not divide \(headCount) heads")
        }
        guard headDimension % 2 == 0 else {
            throw OpenLoRAError(.invalidConfiguration, "head dimension \(headDimension) is odd; RoPE rotates pairs")
        }
        guard rmsNormEpsilon.isFinite, rmsNormEpsilon >= 0, ropeFrequencyBase.isFinite, ropeFrequencyBase > 1 else {
            throw OpenLoRAError(.invalidConfiguration,
                                "RMSNorm ε \(rmsNormEpsilon) or RoPE base \(ropeFrequencyBase) is invalid")
        }
        try validateScaling()
    }

    private func validateScaling() throws(OpenLoRAError) {
        switch ropeScaling {
        case .none: return
        case .linear(let factor):
            guard factor.isFinite, factor > 0 else { throw Self.badScaling("linear factor \(factor)") }
        case .llama3(let factor, let low, let high, let original):
            guard factor.isFinite, factor > 0, low.isFinite, high.isFinite, low > 0, high > low, original > 0 else {
                throw Self.badScaling("llama3 factors \(factor), \(low), \(high), \(original)")
            }
        case .frequencyFactors(let factors):
            guard factors.count == headDimension / 2, factors.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw Self.badScaling("\(factors.count) frequency factors for \(headDimension / 2) pairs")
            }
        }
    }

    private static func badScaling(_ what: String) -> OpenLoRAError {
        OpenLoRAError(.invalidConfiguration, "RoPE scaling: \(what) is invalid")
    }

    private static func check(_ name: String, _ value: Int, _ maximum: Int) throws(OpenLoRAError) {
        guard value > 0, value <= maximum else {
            throw OpenLoRAError(.invalidConfiguration, "\(name) \(value) is outside 1...\(maximum)")
        }
    }
}
