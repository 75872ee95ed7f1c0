/// Message ids seen within a time-to-live, with first-seen semantics: an id expires
/// `timeToLive` after it was first added, however often it is seen again (go-libp2p-pubsub
/// `timecache.FirstSeenCache`; gossipsub-v1.0.md "seen cache").
///
/// Bounded by `countMax`: when full, the oldest id is forgotten to make room. Every
/// operation is O(1) amortized, because ids expire in the order they were added.
public struct SeenCache<MessageID: Hashable & Sendable>: Sendable {
    /// go-libp2p-pubsub `TimeCacheDuration`: 2 minutes.
    public static var timeToLiveDefault: Duration { .seconds(120) }
    /// Room for 2 minutes of traffic at about 1,000 messages a second.
    public static var countMaxDefault: Int { 131_072 }

    /// How long an id is remembered after it was first added.
    public let timeToLive: Duration
    /// The most ids remembered at once.
    public let countMax: Int
    /// Ids forgotten before their time because the cache was full.
    public private(set) var evictedCount = 0

    private var expiries: [MessageID: Duration] = [:]
    private var order = ExpiryQueue<(id: MessageID, expiry: Duration)>()

    /// - Precondition: `timeToLive > .zero` and `countMax > 0`.
    public init(timeToLive: Duration = timeToLiveDefault, countMax: Int = countMaxDefault) {
        precondition(timeToLive > .zero, "a seen cache needs a positive time-to-live")
        precondition(countMax > 0, "a seen cache needs room for at least one id")
        self.timeToLive = timeToLive
        self.countMax = countMax
    }

    /// The number of ids remembered (expired ids count until the next `prune` or `add`).
    public var count: Int { expiries.count }

    /// Remembers `id` as seen at `now`; false when it was already seen and has not expired.
    @discardableResult
    public mutating func add(_ id: MessageID, now: Duration) -> Bool {
        prune(now: now)
        guard expiries[id] == nil else { return false }
        if expiries.count >= countMax, let oldest = order.popFirst() {
            expiries[oldest.id] = nil
            evictedCount += 1
        }
        let expiry = now + timeToLive
        expiries[id] = expiry
        order.append((id: id, expiry: expiry))
        return true
    }

    /// Whether `id` was seen and has not expired at `now`.
    public func contains(_ id: MessageID, now: Duration) -> Bool {
        guard let expiry = expiries[id] else { return false }
        return now < expiry
    }

    /// Forgets every id that has expired at `now`.
    public mutating func prune(now: Duration) {
        while let oldest = order.first, oldest.expiry <= now {
            order.popFirst()
            expiries[oldest.id] = nil
        }
    }
}
