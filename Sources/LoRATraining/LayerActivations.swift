/// What the training forward pass keeps of one transformer block for the backward pass, for
/// up to N tokens (N = the engine's sequenceLengthMaximum; d, q, kv, f, r as in
/// `LlamaLayerWeights`, r the adapter's rank). Normalized inputs, the SwiGLU activation and
/// the attention probabilities are recomputed in the backward pass instead of being kept.
struct LayerActivations {
    /// The residual stream entering the block: [N, d].
    let attentionInput: UnsafeMutableBufferPointer<Float>
    /// 1 / RMS of each `attentionInput` row: [N].
    let attentionInverseRMS: UnsafeMutableBufferPointer<Float>
    /// Queries after RoPE: [N, q].
    let query: UnsafeMutableBufferPointer<Float>
    /// Keys after RoPE: [N, kv].
    let key: UnsafeMutableBufferPointer<Float>
    /// Values: [N, kv].
    let value: UnsafeMutableBufferPointer<Float>
    /// Attention output before its projection: [N, q].
    let attended: UnsafeMutableBufferPointer<Float>
    /// The residual stream after attention, entering the feed-forward half: [N, d].
    let feedForwardInput: UnsafeMutableBufferPointer<Float>
    /// 1 / RMS of each `feedForwardInput` row: [N].
    let feedForwardInverseRMS: UnsafeMutableBufferPointer<Float>
    /// SwiGLU gate projection before the activation: [N, f].
    let gate: UnsafeMutableBufferPointer<Float>
    /// SwiGLU up projection: [N, f].
    let up: UnsafeMutableBufferPointer<Float>
    /// A·dropout(x) of each projection role the adapter targets in this block ([N, r]), by
    /// role index (`LoRAModule.projectionRoles` order); nil where it does not apply.
    let reduced: [UnsafeMutableBufferPointer<Float>?]

    /// Buffers for `tokenCapacity` tokens of a model of `shape`, `targeted` telling which
    /// roles need a rank-`rank` intermediate.
    init(pool: BufferPool, shape: TrainingShape, targeted: [Bool]) {
        let n = shape.tokenCapacity
        attentionInput = pool.make(n * shape.embeddingLength)
        attentionInverseRMS = pool.make(n)
        query = pool.make(n * shape.queryWidth)
        key = pool.make(n * shape.keyValueWidth)
        value = pool.make(n * shape.keyValueWidth)
        attended = pool.make(n * shape.queryWidth)
        feedForwardInput = pool.make(n * shape.embeddingLength)
        feedForwardInverseRMS = pool.make(n)
        gate = pool.make(n * shape.feedForwardLength)
        up = pool.make(n * shape.feedForwardLength)
        reduced = targeted.map { $0 ? pool.make(n * shape.rank) : nil }
    }
}
