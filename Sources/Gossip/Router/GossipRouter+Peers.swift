import Identity

extension GossipRouter {
    /// A pubsub stream to `peer` is open, negotiated at `version`; `outbound` when we
    /// dialled. Sends it our subscriptions. At the peer limit the peer is refused.
    public mutating func addPeer(
        _ peer: PeerID, version: GossipProtocolVersion, outbound: Bool, now: Duration
    ) -> [GossipRouterAction] {
        guard peers[peer] == nil else { return [] }
        guard peers.count < configuration.peerCountMax else {
            statistics.peersRefused += 1
            return [.disconnect(peer, .peerLimitReached)]
        }
        peers[peer] = GossipRouterPeer(version: version, isOutbound: outbound)
        score.addPeer(peer, addresses: [])
        for topic in subscriptions.sorted() {
            outbox.add(GossipSubscription(subscribe: true, topic: topic), to: peer)
        }
        if configuration.chokesMeshPeers {
            // In the first RPC, as gossipsub v1.3 asks; a peer that does not know the field skips it.
            queue(.extensions(GossipExtensions(choke: true)), to: peer)
        }
        return flush(now: now)
    }

    /// The stream to `peer` closed: it leaves every mesh, fanout and topic.
    public mutating func removePeer(_ peer: PeerID, now: Duration) {
        guard let state = peers.removeValue(forKey: peer) else { return }
        for topic in state.topics {
            removeFromTopic(peer, topic: topic)
        }
        score.removePeer(peer, now: now)
        outbox.removePeer(peer, statistics: &statistics)
    }

    /// `peer` left `topic`: out of the topic's peers, mesh and fanout.
    mutating func removeFromTopic(_ peer: PeerID, topic: String) {
        peersByTopic[topic]?.remove(peer)
        if peersByTopic[topic]?.isEmpty == true { peersByTopic[topic] = nil }
        if mesh[topic]?.remove(peer) != nil {
            score.prune(peer, topic: topic)
        }
        chokes.forget(peer, topic: topic)
        fanout[topic]?.remove(peer)
    }

    /// Handles the subscription changes of an RPC from `peer`. A peer that joins a topic of
    /// ours whose mesh is below D_lo is grafted at once, as rust-libp2p does, rather than
    /// at the next heartbeat: a node that just connected (a host joining) would otherwise
    /// forward what it validates in its first heartbeat into an empty mesh, and the message
    /// would never reach that peer (gossip announces it only to peers outside the mesh).
    mutating func handleSubscriptions(_ subscriptions: [GossipSubscription], from peer: PeerID, now: Duration) {
        for subscription in subscriptions {
            guard var state = peers[peer] else { return }
            if subscription.subscribe {
                guard !state.topics.contains(subscription.topic) else { continue }
                guard state.topics.count < configuration.topicCountMaxPerPeer else {
                    statistics.subscriptionsDropped += 1
                    continue
                }
                state.topics.insert(subscription.topic)
                peers[peer] = state
                peersByTopic[subscription.topic, default: []].insert(peer)
                let topic = subscription.topic
                // A peer that sent GRAFT before its subscription is in the mesh already.
                if self.subscriptions.contains(topic), (mesh[topic]?.count ?? 0) < configuration.meshDegreeLow,
                   mesh[topic]?.contains(peer) != true, isGraftable(peer, topic: topic, now: now) {
                    graft(peer, topic: topic, now: now)
                }
            } else if state.topics.remove(subscription.topic) != nil {
                peers[peer] = state
                removeFromTopic(peer, topic: subscription.topic)
            }
        }
    }

    /// A PRUNE for `topic` asking for `backoffDuration` (the prune or the unsubscribe
    /// back-off), which we also apply to `peer`; with `peerExchange`, it offers other peers
    /// of the topic (`peerExchangeOffer`).
    mutating func queuePrune(
        _ peer: PeerID, topic: String, backoffDuration: Duration, peerExchange: Bool, now: Duration
    ) {
        backoff.add(peer, topic: topic, duration: backoffDuration, now: now)
        let seconds = UInt64(max(0, backoffDuration.components.seconds))
        let offered = peerExchange ? peerExchangeOffer(to: peer, topic: topic) : []
        queue(.prune(GossipPrune(topic: topic, peers: offered, backoffSeconds: seconds)), to: peer)
    }
}
