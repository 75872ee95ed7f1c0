import Synchronization

/// A stop request for a running job, settable from any thread; the job checks it between
/// steps, writes a checkpoint and returns `.stopped`.
public final class TrainingCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A flag not yet set.
    public init() {}

    /// Asks the job to stop after the current step.
    public func cancel() { flag.store(true, ordering: .releasing) }

    /// Whether a stop was asked for.
    public var isCancelled: Bool { flag.load(ordering: .acquiring) }
}
