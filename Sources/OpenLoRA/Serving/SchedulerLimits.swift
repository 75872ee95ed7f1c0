/// The bounds of a `BatchScheduler`: how many requests decode together, how many may wait,
/// and the memory each request's state may take.
public struct SchedulerLimits: Sendable, Equatable {
    /// The most requests in one decoding step (the decode batch).
    public var batchCapacity: Int
    /// The most requests waiting to join the batch; `submit` refuses more with
    /// `SchedulerRefusal.queueFull`.
    public var queueCapacity: Int
    /// The most waiting requests prefilled and admitted at one step boundary (bounds the pause
    /// the running requests see while newcomers' prompts are processed).
    public var admissionsPerStepMaximum: Int
    /// Tokens per prefill chunk: the scratch rows of each request's state.
    public var prefillChunkTokenCount: Int
    /// The most positions a request's key-value cache holds (prompt and generated tokens);
    /// each request gets min(this, the context length, prompt + maximum tokens).
    public var contextCapacityMaximum: Int

    /// Limits; every value must be positive.
    public init(batchCapacity: Int = 32, queueCapacity: Int = 256, admissionsPerStepMaximum: Int = 32,
                prefillChunkTokenCount: Int = 16, contextCapacityMaximum: Int = 4096) {
        self.batchCapacity = batchCapacity
        self.queueCapacity = queueCapacity
        self.admissionsPerStepMaximum = admissionsPerStepMaximum
        self.prefillChunkTokenCount = prefillChunkTokenCount
        self.contextCapacityMaximum = contextCapacityMaximum
    }

    /// Whether every limit is positive.
    var isValid: Bool {
        batchCapacity > 0 && queueCapacity > 0 && admissionsPerStepMaximum > 0 && prefillChunkTokenCount > 0
            && contextCapacityMaximum > 0
    }
}
