import Identity

extension GossipRouter {
    /// The peers a PRUNE to `peer` for `topic` offers (v1.1 peer exchange): up to
    /// `prunePeerCount` random other peers of the topic with a score of at least 0, direct
    /// peers left out (the agreement is private). None when we do not offer PX, when
    /// `peer` runs v1.0 (it cannot read them) or when its own score is negative.
    mutating func peerExchangeOffer(to peer: PeerID, topic: String) -> [GossipPeerInfo] {
        guard configuration.offersPeerExchange, configuration.prunePeerCount > 0,
              peers[peer]?.version.allowsPeerExchange == true, score.score(of: peer) >= 0
        else { return [] }
        let candidates = shuffled(peersByTopic[topic] ?? []).filter {
            $0 != peer && !isDirect($0) && score.score(of: $0) >= 0
        }
        let offered = candidates.prefix(configuration.prunePeerCount).map { GossipPeerInfo(peerID: $0.bytes) }
        statistics.peerExchangeOffered += offered.count
        return offered
    }

    /// The peers `peer` offered in a PRUNE for `topic`: ignored unless we are subscribed
    /// and `peer` scores at least `acceptPXThreshold`; otherwise up to `prunePeerCount`
    /// of them (chosen at random when more are offered) that are neither us nor connected
    /// become `.connect` actions, within `peerExchangeConnectCountMaxPerHeartbeat`. Signed
    /// peer records are not checked: the transport dials only peers it has addresses for.
    mutating func acceptPeerExchange(_ offered: [GossipPeerInfo], from peer: PeerID, topic: String) {
        guard !offered.isEmpty else { return }
        guard subscriptions.contains(topic),
              score.score(of: peer) >= configuration.scoreThresholds.acceptPXThreshold else {
            statistics.peerExchangeIgnored += offered.count
            return
        }
        var taken = offered
        if taken.count > configuration.prunePeerCount {
            taken.shuffle(using: &random)
            statistics.peerExchangeDropped += taken.count - configuration.prunePeerCount
            taken = Array(taken.prefix(configuration.prunePeerCount))
        }
        var requested: Set<PeerID> = []
        for info in taken {
            guard let bytes = info.peerID, let candidate = try? PeerID(bytes: bytes) else {
                statistics.peerExchangeDropped += 1
                continue
            }
            guard candidate != localPeer, peers[candidate] == nil, requested.insert(candidate).inserted else { continue }
            guard peerExchangeConnectCount < configuration.peerExchangeConnectCountMaxPerHeartbeat else {
                statistics.peerExchangeDropped += 1
                continue
            }
            peerExchangeConnectCount += 1
            statistics.peerExchangeConnects += 1
            pendingActions.append(.connect(candidate, .peerExchange(offeredBy: peer)))
        }
    }
}
