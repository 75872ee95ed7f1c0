import Tensor

/// The weights of one transformer block. Matrices are [rows = outputs, columns = inputs];
/// in the shape comments, d is embeddingLength, q = headCount · headDimension,
/// kv = keyValueHeadCount · headDimension and f = feedForwardLength.
public struct LlamaLayerWeights: Sendable {
    /// RMSNorm weight before attention: [d].
    public var attentionNorm: [Float]
    /// Query projection: [q, d]. Rows in the layout `LlamaConfiguration.ropeLayout` names.
    public var query: WeightMatrix
    /// Key projection: [kv, d]. Rows in the layout `LlamaConfiguration.ropeLayout` names.
    public var key: WeightMatrix
    /// Value projection: [kv, d].
    public var value: WeightMatrix
    /// Attention output projection: [d, q].
    public var attentionOutput: WeightMatrix
    /// RMSNorm weight before the feed-forward layer: [d].
    public var feedForwardNorm: [Float]
    /// SwiGLU gate projection: [f, d].
    public var gate: WeightMatrix
    /// SwiGLU up projection: [f, d].
    public var up: WeightMatrix
    /// Feed-forward down projection: [d, f].
    public var down: WeightMatrix

    /// A block from its weights; `LlamaWeights.validate(against:)` checks their shapes.
    public init(attentionNorm: [Float], query: WeightMatrix, key: WeightMatrix, value: WeightMatrix,
                attentionOutput: WeightMatrix, feedForwardNorm: [Float], gate: WeightMatrix, up: WeightMatrix,
                down: WeightMatrix) {
        self.attentionNorm = attentionNorm
        self.query = query
        self.key = key
        self.value = value
        self.attentionOutput = attentionOutput
        self.feedForwardNorm = feedForwardNorm
        self.gate = gate
        self.up = up
        self.down = down
    }

    /// The matrices by role, for shape checks and memory accounting.
    var matrices: [(role: String, matrix: WeightMatrix)] {
        [("query", query), ("key", key), ("value", value), ("attention output", attentionOutput),
         ("gate", gate), ("up", up), ("down", down)]
    }
}
