/// PRUNE back-off per (peer, topic) (gossipsub-v1.1.md "PRUNE Backoff and Peer Exchange"):
/// after a PRUNE, neither side may GRAFT the other in that topic until the back-off expires.
///
/// Expiries only ever move later: a shorter back-off never shortens a running one
/// (go-libp2p-pubsub `doAddBackoff`). Bounded by `entryCountMax`: when full, expired entries
/// are dropped, then the entry that expires soonest.
public struct GraftBackoff<Peer: Hashable & Sendable>: Sendable {
    /// go-libp2p-pubsub `GossipSubPruneBackoff`: 1 minute.
    public static var pruneDurationDefault: Duration { .seconds(60) }
    /// go-libp2p-pubsub `GossipSubUnsubscribeBackoff`: 10 seconds.
    public static var unsubscribeDurationDefault: Duration { .seconds(10) }
    /// Two heartbeats of slack before we GRAFT again (go `clearBackoff`, libp2p/specs#289).
    public static var slackDefault: Duration { .seconds(2) }
    /// go-libp2p-pubsub `GossipSubGraftFloodThreshold`: 10 seconds.
    public static var graftFloodThresholdDefault: Duration { .seconds(10) }
    /// The longest back-off a peer's PRUNE may ask of us: one day.
    public static var receivedDurationMaxDefault: Duration { .seconds(86_400) }
    /// Far more than peers × topics on one node.
    public static var entryCountMaxDefault: Int { 16_384 }

    /// Back-off after a PRUNE that names none, or after we prune.
    public let pruneDuration: Duration
    /// Back-off after we leave a topic (we send PRUNE with this value).
    public let unsubscribeDuration: Duration
    /// Extra wait after expiry before `canGraft` allows our own GRAFT.
    public let slack: Duration
    /// A GRAFT this soon after our PRUNE is a flood and earns an extra penalty.
    public let graftFloodThreshold: Duration
    /// Back-offs received in PRUNE are cut to this length.
    public let receivedDurationMax: Duration
    /// The most (peer, topic) entries kept at once.
    public let entryCountMax: Int

    private struct Key: Hashable, Sendable {
        var peer: Peer
        var topic: String
    }

    private var expiries: [Key: Duration] = [:]

    /// - Precondition: durations are not negative and `entryCountMax > 0`.
    public init(
        pruneDuration: Duration = pruneDurationDefault,
        unsubscribeDuration: Duration = unsubscribeDurationDefault,
        slack: Duration = slackDefault,
        graftFloodThreshold: Duration = graftFloodThresholdDefault,
        receivedDurationMax: Duration = receivedDurationMaxDefault,
        entryCountMax: Int = entryCountMaxDefault
    ) {
        let durations = [pruneDuration, unsubscribeDuration, slack, graftFloodThreshold, receivedDurationMax]
        precondition(durations.allSatisfy { $0 >= .zero }, "back-off durations cannot be negative")
        precondition(entryCountMax > 0, "the back-off table needs room for at least one entry")
        self.pruneDuration = pruneDuration
        self.unsubscribeDuration = unsubscribeDuration
        self.slack = slack
        self.graftFloodThreshold = graftFloodThreshold
        self.receivedDurationMax = receivedDurationMax
        self.entryCountMax = entryCountMax
    }

    /// The number of (peer, topic) entries, expired ones included until `removeExpired`.
    public var count: Int { expiries.count }

    /// Backs off `peer` in `topic` for `duration` from `now`, unless a later expiry is set.
    public mutating func add(_ peer: Peer, topic: String, duration: Duration, now: Duration) {
        precondition(duration >= .zero, "a back-off cannot be negative")
        let key = Key(peer: peer, topic: topic)
        let expiry = now + duration
        if let current = expiries[key] {
            if current < expiry { expiries[key] = expiry }
            return
        }
        makeRoom(now: now)
        expiries[key] = expiry
    }

    /// Backs off after we prune `peer` from `topic` (our `pruneDuration`).
    public mutating func addPrune(_ peer: Peer, topic: String, now: Duration) {
        add(peer, topic: topic, duration: pruneDuration, now: now)
    }

    /// Backs off after we leave `topic` and prune `peer` with our `unsubscribeDuration`.
    public mutating func addUnsubscribe(_ peer: Peer, topic: String, now: Duration) {
        add(peer, topic: topic, duration: unsubscribeDuration, now: now)
    }

    /// Backs off after `peer` pruned us from `topic`, for the `backoffSeconds` its PRUNE
    /// carried (cut to `receivedDurationMax`), or `pruneDuration` when it carried 0 or none.
    public mutating func addReceivedPrune(_ peer: Peer, topic: String, backoffSeconds: UInt64?, now: Duration) {
        guard let seconds = backoffSeconds, seconds > 0 else {
            add(peer, topic: topic, duration: pruneDuration, now: now)
            return
        }
        let limitSeconds = receivedDurationMax.components.seconds
        let duration = seconds >= UInt64(limitSeconds) ? receivedDurationMax : .seconds(Int64(seconds))
        add(peer, topic: topic, duration: duration, now: now)
    }

    /// When the back-off of `peer` in `topic` expires, if one is recorded.
    public func expiry(of peer: Peer, topic: String) -> Duration? {
        expiries[Key(peer: peer, topic: topic)]
    }

    /// Whether `peer` is backed off in `topic` at `now`: a GRAFT from it now breaks the
    /// back-off (go `handleGraft`: behaviour penalty, PRUNE again, refresh the back-off).
    public func isBackingOff(_ peer: Peer, topic: String, now: Duration) -> Bool {
        guard let expiry = expiries[Key(peer: peer, topic: topic)] else { return false }
        return now < expiry
    }

    /// Whether a GRAFT from `peer` at `now` came within `graftFloodThreshold` of our PRUNE,
    /// which earns it a second behaviour penalty (go: expiry + threshold − pruneDuration).
    public func isGraftFlood(_ peer: Peer, topic: String, now: Duration) -> Bool {
        guard let expiry = expiries[Key(peer: peer, topic: topic)], now < expiry else { return false }
        return now < expiry + graftFloodThreshold - pruneDuration
    }

    /// Whether we may GRAFT `peer` in `topic` at `now`: no back-off, or one that expired at
    /// least `slack` ago, so that clock skew between us does not make our GRAFT early.
    public func canGraft(_ peer: Peer, topic: String, now: Duration) -> Bool {
        guard let expiry = expiries[Key(peer: peer, topic: topic)] else { return true }
        return now >= expiry + slack
    }

    /// Drops entries whose back-off and slack have passed at `now` (every few heartbeats).
    public mutating func removeExpired(now: Duration) {
        expiries = expiries.filter { now < $0.value + slack }
    }

    /// Makes room for one more entry: drops expired ones, then the soonest to expire.
    private mutating func makeRoom(now: Duration) {
        guard expiries.count >= entryCountMax else { return }
        removeExpired(now: now)
        guard expiries.count >= entryCountMax, let soonest = expiries.min(by: { $0.value < $1.value }) else { return }
        expiries[soonest.key] = nil
    }
}
