/// Why `BatchScheduler.submit` did not accept a request.
public enum SchedulerRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// `queueCapacity` requests are already waiting; try again later.
    case queueFull(queueCapacity: Int)
    /// The scheduler was stopped.
    case stopped
    /// The request itself is invalid: options out of range, an empty prompt, a token outside
    /// the vocabulary, a prompt longer than a request's context, or an adapter loaded for
    /// another base model.
    case invalidRequest(OpenLoRAError)

    public var description: String {
        switch self {
        case .queueFull(let capacity): "the queue is full: \(capacity) requests are already waiting"
        case .stopped: "the scheduler has stopped"
        case .invalidRequest(let error): "invalid request: \(error)"
        }
    }
}
