import Foundation

/// The live counters behind `EventLoop.statistics`: written on the loop thread, read
/// from any thread, guarded by a lock.
final class StatisticsCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var values = IOStatistics()

    /// A copy of the counters.
    var snapshot: IOStatistics {
        lock.lock()
        defer { lock.unlock() }
        return values
    }

    /// Changes the counters under the lock.
    func update(_ body: (inout IOStatistics) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&values)
    }
}
