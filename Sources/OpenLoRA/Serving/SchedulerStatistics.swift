/// Counters of a `BatchScheduler` since it was made.
public struct SchedulerStatistics: Sendable, Equatable {
    /// Requests accepted by `submit`.
    public var submittedCount = 0
    /// Requests `submit` refused because the queue was full.
    public var refusedCount = 0
    /// Requests that ended (for any reason).
    public var finishedCount = 0
    /// Decode steps run (steps with a non-empty batch).
    public var decodeStepCount = 0
    /// Tokens run in decode batches (the sum of batch sizes).
    public var decodedTokenCount = 0
    /// Prompt tokens prefilled.
    public var prefilledTokenCount = 0
    /// The largest decode batch so far.
    public var largestBatch = 0

    /// Adds one step's work.
    mutating func record(prefilledTokens: Int, batch: Int, finished: Int) {
        prefilledTokenCount += prefilledTokens
        finishedCount += finished
        if batch > 0 {
            decodeStepCount += 1
            decodedTokenCount += batch
            largestBatch = max(largestBatch, batch)
        }
    }
}
