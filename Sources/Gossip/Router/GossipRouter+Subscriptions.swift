import Identity

extension GossipRouter {
    /// Joins `topic`: announces it to every peer and builds the mesh from the fanout
    /// peers first, then other subscribed peers, up to D, sending them GRAFT.
    public mutating func subscribe(_ topic: String, now: Duration) -> [GossipRouterAction] {
        guard subscriptions.insert(topic).inserted else { return [] }
        for peer in Self.sorted(Set(peers.keys)) {
            outbox.add(GossipSubscription(subscribe: true, topic: topic), to: peer)
        }
        var members: [PeerID] = shuffled(fanout[topic] ?? []).filter { isGraftable($0, topic: topic, now: now) }
        members = Array(members.prefix(configuration.meshDegree))
        if members.count < configuration.meshDegree {
            let others = shuffled(peersByTopic[topic] ?? []).filter {
                !members.contains($0) && isGraftable($0, topic: topic, now: now)
            }
            members += others.prefix(configuration.meshDegree - members.count)
        }
        fanout[topic] = nil
        fanoutLastPublished[topic] = nil
        mesh[topic] = []
        for peer in members {
            graft(peer, topic: topic, now: now)
        }
        return flush(now: now)
    }

    /// Leaves `topic`: announces it and prunes every mesh peer with the unsubscribe
    /// back-off, offering it other peers of the topic (as go-libp2p-pubsub `Leave`).
    public mutating func unsubscribe(_ topic: String, now: Duration) -> [GossipRouterAction] {
        guard subscriptions.remove(topic) != nil else { return [] }
        for peer in Self.sorted(Set(peers.keys)) {
            outbox.add(GossipSubscription(subscribe: false, topic: topic), to: peer)
        }
        for peer in Self.sorted(mesh[topic] ?? []) {
            chokes.forget(peer, topic: topic)
            score.prune(peer, topic: topic)
            queuePrune(peer, topic: topic, backoffDuration: configuration.unsubscribeBackoff, peerExchange: true, now: now)
        }
        mesh[topic] = nil
        return flush(now: now)
    }

    /// Whether we may GRAFT `peer` into `topic` now: not a direct peer, no back-off and a
    /// score of at least 0.
    func isGraftable(_ peer: PeerID, topic: String, now: Duration) -> Bool {
        !isDirect(peer) && backoff.canGraft(peer, topic: topic, now: now) && score.score(of: peer) >= 0
    }

    /// Adds `peer` to our mesh for `topic` and tells it with GRAFT.
    mutating func graft(_ peer: PeerID, topic: String, now: Duration) {
        mesh[topic, default: []].insert(peer)
        chokes.forget(peer, topic: topic)
        score.graft(peer, topic: topic, now: now)
        queue(.graft(GossipGraft(topic: topic)), to: peer)
    }
}
