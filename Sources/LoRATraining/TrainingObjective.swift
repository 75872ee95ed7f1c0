/// What a trainer minimises: a loss over training sequences that depends on a flat vector of
/// trainable parameters, and its gradient. `LoRAGradientEngine` is the LoRA one; the
/// optimiser and the training loop see only this.
///
/// Implementations are deterministic: the same parameters, sequence and dropout seed give
/// bit-identical results on the same build and thread count.
public protocol TrainingObjective: AnyObject {
    /// The length of the parameter vector.
    var parameterCount: Int { get }

    /// Adds ∂(Σ losses)/∂θ over `sequence`'s targets to `gradient` (length `parameterCount`)
    /// and returns the loss sum. `dropoutSeed` seeds the dropout masks (ignored without
    /// dropout); nil turns dropout off for this call (per-example gradients for attribution).
    func accumulateGradient(of sequence: TrainingSequence, parameters: [Float], dropoutSeed: UInt64?,
                            into gradient: inout [Float]) throws -> LossSum

    /// The loss sum over `sequence`'s targets, without dropout and without a gradient.
    func loss(of sequence: TrainingSequence, parameters: [Float]) throws -> LossSum
}
