import Dispatch
import Foundation

/// The pacing of a service beside a node (the curator's votes, the auditor's checks): a
/// round on the service's serial queue at once, then every interval, until stopped.
///
///     let rounds = RoundTimer(label: "oln.curator")
///     rounds.start(every: .seconds(2)) { [weak self] in self?.round() }
///     rounds.queue.sync { … }        // what the rounds touch lives on this queue
///     rounds.stop()                  // waits for a round in progress
public final class RoundTimer: @unchecked Sendable {
    /// The serial queue the rounds run on.
    public let queue: DispatchQueue
    private let lock = NSLock()
    private var source: DispatchSourceTimer?
    private var stopped = false

    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Starts the rounds: the first at once, then every `interval` (at least a millisecond).
    /// Returns the interval in milliseconds. Starts once.
    @discardableResult
    public func start(every interval: Duration, round: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        precondition(source == nil && !stopped, "a round timer starts once")
        let (seconds, attoseconds) = interval.components
        let milliseconds = Int(max(1, seconds * 1_000 + attoseconds / 1_000_000_000_000_000))
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: .milliseconds(milliseconds))
        timer.setEventHandler(handler: round)
        source = timer
        timer.resume()
        return milliseconds
    }

    /// Stops the rounds and waits for one in progress to end. Idempotent; not to be called
    /// from the queue itself.
    public func stop() {
        lock.lock()
        let timer = source
        let first = !stopped
        stopped = true
        lock.unlock()
        guard first else { return }
        timer?.cancel()
        queue.sync {}
    }
}
