/// The engine's working buffers, reused by every layer and every call (shapes as in
/// `LayerActivations`, N tokens, C = logits rows per chunk, V = vocabulary, w = the widest
/// projection).
struct TrainingScratch {
    /// RMSNorm output, the input of a block's projections: [N, d].
    let normalized: UnsafeMutableBufferPointer<Float>
    /// A projection's output before it joins the residual stream: [N, d].
    let projected: UnsafeMutableBufferPointer<Float>
    /// SwiGLU's activation silu(gate) ⊙ up, the down projection's input: [N, f].
    let activation: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂residual stream: [N, d].
    let residualGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂normalized: [N, d].
    let normalizedGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂(projection output): [N, d] for the attention output and down projections.
    let projectedGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂queries: [N, q].
    let queryGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂keys: [N, kv].
    let keyGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂values: [N, kv].
    let valueGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂attended: [N, q].
    let attendedGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂gate, then ∂loss/∂activation: [N, f].
    let gateGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂up: [N, f].
    let upGradient: UnsafeMutableBufferPointer<Float>
    /// One head's attention probabilities: [N, N].
    let probabilities: UnsafeMutableBufferPointer<Float>
    /// One head's score gradients: [N, N].
    let scoreGradient: UnsafeMutableBufferPointer<Float>
    /// A LoRA branch's dropped-out input: [N, w].
    let dropped: UnsafeMutableBufferPointer<Float>
    /// A LoRA branch's input gradient before the dropout mask: [N, w].
    let droppedGradient: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂(A·x): [N, r].
    let reducedGradient: UnsafeMutableBufferPointer<Float>
    /// One B gradient in the model's row order: [w, r].
    let factorGradient: UnsafeMutableBufferPointer<Float>
    /// The final norm's output for a chunk of predicting rows: [C, d].
    let headInput: UnsafeMutableBufferPointer<Float>
    /// ∂loss/∂headInput: [C, d].
    let headInputGradient: UnsafeMutableBufferPointer<Float>
    /// Logits, then their gradient, of a chunk: [C, V].
    let logits: UnsafeMutableBufferPointer<Float>
    /// The residual stream after the last block: [N, d].
    let finalResidual: UnsafeMutableBufferPointer<Float>
    /// 1 / RMS of each `finalResidual` row: [N].
    let finalInverseRMS: UnsafeMutableBufferPointer<Float>

    init(pool: BufferPool, shape s: TrainingShape) {
        let n = s.tokenCapacity, c = s.logitsRowCapacity
        normalized = pool.make(n * s.embeddingLength)
        projected = pool.make(n * s.embeddingLength)
        activation = pool.make(n * s.feedForwardLength)
        residualGradient = pool.make(n * s.embeddingLength)
        normalizedGradient = pool.make(n * s.embeddingLength)
        projectedGradient = pool.make(n * s.embeddingLength)
        queryGradient = pool.make(n * s.queryWidth)
        keyGradient = pool.make(n * s.keyValueWidth)
        valueGradient = pool.make(n * s.keyValueWidth)
        attendedGradient = pool.make(n * s.queryWidth)
        gateGradient = pool.make(n * s.feedForwardLength)
        upGradient = pool.make(n * s.feedForwardLength)
        probabilities = pool.make(n * n)
        scoreGradient = pool.make(n * n)
        dropped = pool.make(n * s.widthMaximum)
        droppedGradient = pool.make(n * s.widthMaximum)
        reducedGradient = pool.make(n * s.rank)
        factorGradient = pool.make(s.widthMaximum * s.rank)
        headInput = pool.make(c * s.embeddingLength)
        headInputGradient = pool.make(c * s.embeddingLength)
        logits = pool.make(c * s.vocabularySize)
        finalResidual = pool.make(n * s.embeddingLength)
        finalInverseRMS = pool.make(n)
    }
}
