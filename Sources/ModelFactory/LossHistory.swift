/// The loss curve so far: the mean training loss of every step, and the validation loss
/// where it was measured (step 0 is before training).
public struct LossHistory: Sendable, Equatable {
    /// A loss at a step.
    public struct Point: Sendable, Equatable {
        /// The optimizer step (0: before the first update).
        public let step: Int
        /// Mean cross-entropy per target token, in nats.
        public let loss: Double

        /// A point.
        public init(step: Int, loss: Double) {
            self.step = step
            self.loss = loss
        }
    }

    /// One point per optimizer step.
    public var training: [Point] = []
    /// The validation measurements.
    public var validation: [Point] = []

    /// An empty history.
    public init(training: [Point] = [], validation: [Point] = []) {
        self.training = training
        self.validation = validation
    }
}
