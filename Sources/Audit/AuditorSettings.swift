import Foundation

/// How an ``AuditorService`` paces itself.
public struct AuditorSettings: Sendable {
    /// The default time between two rounds.
    public static let intervalDefault: Duration = .seconds(3)
    /// The default wait for a receipt's reveal, from the receipt's batch time, before it
    /// counts as missing: ten minutes, well within the one-day challenge window (and never
    /// more than half of the window in effect).
    public static let revealGraceSecondsDefault: UInt64 = 600
    /// The default margin before a window's end inside which no challenge or vote is sent.
    public static let windowMarginSecondsDefault: UInt64 = 10
    /// The default most finalized batches read in one round.
    public static let batchesPerRoundMaxDefault = 256
    /// The default most recomputations in one round (an influence/1 one is a forward and
    /// backward pass).
    public static let recomputationsPerRoundMaxDefault = 16
    /// The default most receipts and challenges waiting (for a reveal, a payload, a store).
    public static let pendingCountMaxDefault = 4_096
    /// The default most findings remembered for votes on later challenges.
    public static let findingCacheCountMaxDefault = 4_096

    public var interval: Duration
    public var revealGraceSeconds: UInt64
    public var windowMarginSeconds: UInt64
    public var batchesPerRoundMax: Int
    public var recomputationsPerRoundMax: Int
    /// Receipts seen while this many wait are not audited.
    public var pendingCountMax: Int
    /// The findings cache is emptied when it holds this many.
    public var findingCacheCountMax: Int
    /// The wall clock in seconds since 1970, compared with receipt and vote windows and used
    /// for transaction expiry.
    public var clock: @Sendable () -> UInt64

    /// Settings with the given values; the defaults are the named `…Default` constants and
    /// the system clock.
    public init(interval: Duration = intervalDefault, revealGraceSeconds: UInt64 = revealGraceSecondsDefault,
                windowMarginSeconds: UInt64 = windowMarginSecondsDefault, batchesPerRoundMax: Int = batchesPerRoundMaxDefault,
                recomputationsPerRoundMax: Int = recomputationsPerRoundMaxDefault,
                pendingCountMax: Int = pendingCountMaxDefault, findingCacheCountMax: Int = findingCacheCountMaxDefault,
                clock: @escaping @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }) {
        precondition(interval > .zero, "the audit interval must be positive")
        precondition(batchesPerRoundMax > 0 && recomputationsPerRoundMax > 0 && pendingCountMax > 0
                     && findingCacheCountMax > 0, "audit limits must be positive")
        self.interval = interval
        self.revealGraceSeconds = revealGraceSeconds
        self.windowMarginSeconds = windowMarginSeconds
        self.batchesPerRoundMax = batchesPerRoundMax
        self.recomputationsPerRoundMax = recomputationsPerRoundMax
        self.pendingCountMax = pendingCountMax
        self.findingCacheCountMax = findingCacheCountMax
        self.clock = clock
    }
}
