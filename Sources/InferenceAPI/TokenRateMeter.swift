import Synchronization

/// Tokens generated per second, averaged over the last `windowSeconds` whole seconds.
/// Times are durations since the meter was made (`elapsed`, from a monotonic clock), or
/// given by the caller in tests. Thread-safe.
final class TokenRateMeter: Sendable {
    /// The seconds averaged over.
    static let windowSeconds = 10

    private struct Buckets {
        /// Tokens per second, indexed by second modulo the window (plus the current one).
        var counts = [Int](repeating: 0, count: TokenRateMeter.windowSeconds + 1)
        var seconds = [Int64](repeating: -1, count: TokenRateMeter.windowSeconds + 1)
    }

    private let buckets = Mutex(Buckets())
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    init() {
        origin = clock.now
    }

    /// The time since the meter was made.
    var elapsed: Duration { origin.duration(to: clock.now) }

    /// Adds `count` tokens generated at `now`.
    func record(_ count: Int, now: Duration) {
        let second = now.components.seconds
        let index = Int(second % Int64(Self.windowSeconds + 1))
        buckets.withLock { buckets in
            if buckets.seconds[index] != second {
                buckets.seconds[index] = second
                buckets.counts[index] = 0
            }
            buckets.counts[index] += count
        }
    }

    /// Tokens per second over the `windowSeconds` whole seconds before `now`'s second.
    func rate(now: Duration) -> Double {
        let current = now.components.seconds
        let total = buckets.withLock { buckets in
            zip(buckets.seconds, buckets.counts).reduce(0) { sum, bucket in
                bucket.0 >= current - Int64(Self.windowSeconds) && bucket.0 < current ? sum + bucket.1 : sum
            }
        }
        return Double(total) / Double(Self.windowSeconds)
    }
}
