/// What one `BatchScheduler.step()` did.
public struct SchedulerStepReport: Sendable, Equatable {
    /// Requests taken from the queue and prefilled at the start of the step.
    public var admittedCount = 0
    /// Requests that ran a token in the step's decode batch (its batch size).
    public var decodedCount = 0
    /// Requests that ended during the step (after prefill or after decoding).
    public var finishedCount = 0
    /// Requests in the batch after the step.
    public var activeCount = 0
    /// Requests waiting after the step.
    public var queuedCount = 0

    /// Whether the step found nothing to do and nothing is left.
    public var isIdle: Bool { admittedCount == 0 && decodedCount == 0 && activeCount == 0 && queuedCount == 0 }
}
