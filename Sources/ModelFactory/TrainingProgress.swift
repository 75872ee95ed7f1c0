/// A progress report, sent after every step.
public struct TrainingProgress: Sendable, Equatable {
    /// Steps done and steps in all.
    public let step: Int, totalSteps: Int
    /// The step's mean training loss.
    public let loss: Double
    /// The step's learning rate.
    public let learningRate: Double
    /// The gradient norm before clipping.
    public let gradientNorm: Double
    /// Training tokens processed per second since this run (or resumption) started.
    public let tokensPerSecond: Double
    /// The estimated time to the last step, from the mean step time so far.
    public let estimatedTimeLeft: Duration

    /// A report.
    public init(step: Int, totalSteps: Int, loss: Double, learningRate: Double, gradientNorm: Double,
                tokensPerSecond: Double, estimatedTimeLeft: Duration) {
        self.step = step
        self.totalSteps = totalSteps
        self.loss = loss
        self.learningRate = learningRate
        self.gradientNorm = gradientNorm
        self.tokensPerSecond = tokensPerSecond
        self.estimatedTimeLeft = estimatedTimeLeft
    }
}
