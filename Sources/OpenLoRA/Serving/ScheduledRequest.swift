/// A submitted request with its callbacks, waiting in the queue or running.
struct ScheduledRequest: Sendable {
    /// The scheduler's id for it, in submission order.
    let id: UInt64
    let request: GenerationRequest
    /// Positions its state holds: min(limit, context length, prompt + maximum tokens).
    let contextCapacity: Int
    let onToken: @Sendable (Int) -> Bool
    let onFinish: @Sendable (Result<GenerationResult, OpenLoRAError>) -> Void

    /// Reports the end of the request and releases its adapter lease.
    func finish(_ result: Result<GenerationResult, OpenLoRAError>) {
        request.lease?.release()
        onFinish(result)
    }
}
