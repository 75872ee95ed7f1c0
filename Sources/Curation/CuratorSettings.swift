import Foundation

/// How a ``CuratorService`` paces itself and what it votes for.
public struct CuratorSettings: Sendable {
    /// The default time between two rounds.
    public static let intervalDefault: Duration = .seconds(3)
    /// The default margin before a window's end inside which no vote is sent: a vote
    /// counts only in a batch whose slot time is before the window's end.
    public static let windowMarginSecondsDefault: UInt64 = 10
    /// The default most votes submitted in one round.
    public static let votesPerRoundMaxDefault = 64
    /// The default most pending contributions examined per datanet and round.
    public static let pendingPerDatanetMaxDefault = 1_000
    /// The default most fingerprints kept between rounds.
    public static let fingerprintCacheCountMaxDefault = 20_000

    /// The policy's parameters.
    public var policy: CurationParameters
    /// The time between two rounds.
    public var interval: Duration
    /// No vote is sent for a contribution whose window ends within this many seconds.
    public var windowMarginSeconds: UInt64
    /// The most votes submitted in one round; the rest wait for the next.
    public var votesPerRoundMax: Int
    /// The most pending contributions examined per datanet and round (oldest first).
    public var pendingPerDatanetMax: Int
    /// The most payload fingerprints kept between rounds; the cache is emptied when full.
    public var fingerprintCacheCountMax: Int
    /// The wall clock in seconds since 1970, compared with contribution windows and used
    /// for transaction expiry.
    public var clock: @Sendable () -> UInt64

    /// Settings with the given values; the defaults are the named `…Default` constants and
    /// the system clock.
    public init(policy: CurationParameters = CurationParameters(), interval: Duration = intervalDefault,
                windowMarginSeconds: UInt64 = windowMarginSecondsDefault, votesPerRoundMax: Int = votesPerRoundMaxDefault,
                pendingPerDatanetMax: Int = pendingPerDatanetMaxDefault,
                fingerprintCacheCountMax: Int = fingerprintCacheCountMaxDefault,
                clock: @escaping @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }) {
        precondition(interval > .zero, "the curation interval must be positive")
        precondition(votesPerRoundMax > 0 && pendingPerDatanetMax > 0 && fingerprintCacheCountMax > 0,
                     "curation limits must be positive")
        self.policy = policy
        self.interval = interval
        self.windowMarginSeconds = windowMarginSeconds
        self.votesPerRoundMax = votesPerRoundMax
        self.pendingPerDatanetMax = pendingPerDatanetMax
        self.fingerprintCacheCountMax = fingerprintCacheCountMax
        self.clock = clock
    }
}
