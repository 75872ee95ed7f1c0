/// Per-address dial back-off: after each failure the wait doubles, up to a cap, with
/// jitter supplied by the caller (a fraction in 0..<1) so peers do not retry in lockstep.
public struct DialBackoff: Sendable {
    private struct Entry: Sendable {
        var failures: Int
        var retryAt: Duration
    }

    public static let entryCountMax = 4096
    private let base: Duration
    private let maximum: Duration
    private var entries: [String: Entry] = [:]

    public init(base: Duration, maximum: Duration) {
        self.base = base
        self.maximum = maximum
    }

    /// Whether `address` may be dialled now.
    public func allows(_ address: String, now: Duration) -> Bool {
        guard let entry = entries[address] else { return true }
        return now >= entry.retryAt
    }

    /// When `address` may next be dialled, if it is backing off.
    public func retryTime(for address: String) -> Duration? {
        entries[address]?.retryAt
    }

    /// Records a failed dial; `jitter` in 0..<1 adds up to half the delay again.
    public mutating func failed(_ address: String, now: Duration, jitter: Double) {
        precondition((0..<1).contains(jitter), "jitter is a fraction in 0..<1")
        let failures = min((entries[address]?.failures ?? 0) + 1, 30)
        var delay = base * (1 << min(failures - 1, 20))
        if delay > maximum { delay = maximum }
        delay += delay * (jitter / 2)
        if entries[address] == nil && entries.count >= Self.entryCountMax,
           let soonest = entries.min(by: { $0.value.retryAt < $1.value.retryAt })?.key {
            entries[soonest] = nil
        }
        entries[address] = Entry(failures: failures, retryAt: now + delay)
    }

    /// Forgets failures after a successful dial.
    public mutating func succeeded(_ address: String) {
        entries[address] = nil
    }
}
