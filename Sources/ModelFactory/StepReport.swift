/// What one optimizer step did.
public struct StepReport: Sendable, Equatable {
    /// The step just completed (1-based).
    public let step: Int
    /// The mean training loss per target token over the step's sequences.
    public let loss: Double
    /// The learning rate the update used.
    public let learningRate: Double
    /// The gradient's global L2 norm before clipping.
    public let gradientNorm: Double
    /// Tokens and target tokens in the step's sequences.
    public let tokenCount: Int, targetCount: Int
}
