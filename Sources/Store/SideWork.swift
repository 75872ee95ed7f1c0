import Dispatch
import Synchronization

/// Work handed to a second thread, which the caller takes back and runs itself if no thread
/// has started it by the time the caller needs it: on a busy machine the caller never waits
/// for a thread that has not been scheduled yet.
public final class SideWork: Sendable {
    private let started = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let work: @Sendable () -> Void

    /// Hands `work` to a global queue.
    public init(_ work: @escaping @Sendable () -> Void) {
        self.work = work
        DispatchQueue.global().async { [self] in
            guard claim() else { return }
            work()
            finished.signal()
        }
    }

    /// Returns once the work has run, running it on this thread if no other has started it.
    public func finish() {
        if claim() {
            work()
        } else {
            finished.wait()
        }
    }

    /// Whether this call is the one that runs the work.
    private func claim() -> Bool {
        started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}
