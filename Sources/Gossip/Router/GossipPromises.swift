import Identity

/// IWANT follow-up promises (go-libp2p-pubsub `gossipTracer`): when we ask a peer for
/// ids it announced, one of them is expected from it within the follow-up time; a promise
/// broken at expiry earns the peer a behaviour penalty (P7). Bounded by `countMax`:
/// further promises are not recorded.
struct GossipPromises: Sendable {
    let countMax: Int
    private var expiries: [GossipMessageID: [PeerID: Duration]] = [:]
    private(set) var count = 0

    init(countMax: Int) {
        self.countMax = countMax
    }

    /// Expects message `id` from `peer` before `expiry`; false when the table is full.
    mutating func add(_ id: GossipMessageID, peer: PeerID, expiry: Duration) -> Bool {
        if expiries[id]?[peer] != nil { return true }
        guard count < countMax else { return false }
        expiries[id, default: [:]][peer] = expiry
        count += 1
        return true
    }

    /// Message `id` arrived (and passed the authenticity checks): every promise of it is kept.
    mutating func fulfil(_ id: GossipMessageID) {
        guard let promised = expiries.removeValue(forKey: id) else { return }
        count -= promised.count
    }

    /// Removes the promises expired at `now` and returns, per peer, how many it broke.
    mutating func removeBroken(now: Duration) -> [PeerID: Int] {
        var broken: [PeerID: Int] = [:]
        for (id, promised) in expiries {
            var remaining = promised
            for (peer, expiry) in promised where expiry <= now {
                broken[peer, default: 0] += 1
                remaining[peer] = nil
                count -= 1
            }
            expiries[id] = remaining.isEmpty ? nil : remaining
        }
        return broken
    }
}
