import Synchronization

/// Tells a request's handler that nobody waits for its reply any more: the stream timed out,
/// the peer reset it (or closed it before the reply), the connection ended, or the node
/// stopped. A handler with long work (a generation) polls `isCancelled` and stops. Any
/// thread.
public final class RequestCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    /// A request not cancelled yet (the node makes one per request it hands to a handler).
    init() {}

    /// Whether the request's asker is gone.
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Marks the request cancelled.
    func cancel() {
        cancelled.store(true, ordering: .releasing)
    }
}
