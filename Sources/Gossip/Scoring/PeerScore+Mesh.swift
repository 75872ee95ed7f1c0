extension PeerScore {
    /// We grafted `peer` into our mesh for `topic` at `now` (either side's GRAFT).
    public mutating func graft(_ peer: Peer, topic: String, now: Duration) {
        withCounters(of: peer, topic: topic) { counters, _ in
            counters.isInMesh = true
            counters.graftTime = now
            counters.meshTime = .zero
            counters.isMeshMessageDeliveriesActive = false
        }
    }

    /// `peer` left our mesh for `topic` (either side's PRUNE): an active mesh delivery
    /// deficit becomes the sticky P3b penalty.
    public mutating func prune(_ peer: Peer, topic: String) {
        withCounters(of: peer, topic: topic) { counters, topicParameters in
            counters.leaveMesh(topicParameters)
        }
    }

    /// Adds `count` behaviour penalties (P7) to `peer`: for example a GRAFT during back-off,
    /// or IHAVE promises not kept.
    /// - Precondition: `count >= 0`.
    public mutating func addPenalty(_ peer: Peer, count: Int = 1) {
        precondition(count >= 0, "a penalty count cannot be negative")
        records[peer]?.behaviourPenalty += Double(count)
    }

    /// Runs `body` on the counters of `peer` in `topic`, creating them if the topic is
    /// scored; does nothing for an untracked peer or an unscored topic.
    mutating func withCounters(
        of peer: Peer, topic: String, _ body: (inout TopicScoreCounters, TopicScoreParameters) -> Void
    ) {
        guard records[peer] != nil, let topicParameters = parameters.topics[topic] else { return }
        var counters = records[peer]?.topics[topic] ?? TopicScoreCounters()
        body(&counters, topicParameters)
        records[peer]?.topics[topic] = counters
    }
}
