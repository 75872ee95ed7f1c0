import Identity

extension GossipRouter {
    /// Heartbeats between clean-ups of expired back-offs (go: every 15).
    static var backoffCleanupHeartbeats: UInt64 { 15 }

    /// The periodic work, every `configuration.heartbeatInterval`: score decay, per-peer
    /// limits reset, broken IWANT promises penalised, timed-out validations dropped,
    /// direct peers reconnected (every `directConnectHeartbeats`), mesh maintenance (with
    /// opportunistic grafting every `opportunisticGraftHeartbeats`, then the messages that
    /// reached no peer forwarded again to a filled mesh), fanout upkeep, gossip,
    /// cache shifts and clean-ups (stale queued messages included).
    public mutating func heartbeat(now: Duration) -> [GossipRouterAction] {
        heartbeatCount += 1
        peerExchangeConnectCount = 0
        decayScores(now: now)
        resetPeerCounters()
        applyBrokenPromisePenalties(now: now)
        expireValidations(now: now)
        connectDirectPeers()
        let isOpportunisticRound = heartbeatCount % UInt64(configuration.opportunisticGraftHeartbeats) == 0
        for topic in mesh.keys.sorted() {
            maintainMesh(topic: topic, now: now)
            if isOpportunisticRound { graftOpportunistically(topic: topic, now: now) }
            forwardUnforwarded(topic: topic, now: now)
            maintainChokes(topic: topic, now: now)
            emitGossip(topic: topic, excluding: mesh[topic] ?? [])
        }
        if !unforwarded.isEmpty { unforwarded = unforwarded.filter { mesh[$0.key] != nil } }
        for topic in fanout.keys.sorted() {
            maintainFanout(topic: topic, now: now)
            if let peers = fanout[topic] { emitGossip(topic: topic, excluding: peers) }
        }
        messageCache.shift()
        seen.prune(now: now)
        outbox.dropStale(now: now, statistics: &statistics)
        if heartbeatCount % Self.backoffCleanupHeartbeats == 0 {
            backoff.removeExpired(now: now)
        }
        return flush(now: now)
    }

    /// Decays the scores once per decay interval, allowing half a heartbeat of timer jitter.
    private mutating func decayScores(now: Duration) {
        let interval = configuration.scoreParameters.decayInterval - configuration.heartbeatInterval / 2
        if let lastDecay, now - lastDecay < interval { return }
        score.decay(now: now)
        lastDecay = now
    }

    private mutating func applyBrokenPromisePenalties(now: Duration) {
        for (peer, count) in promises.removeBroken(now: now) {
            statistics.brokenPromises += count
            score.addPenalty(peer, count: count)
        }
    }

    /// When the median score of a mesh of at least two is below the opportunistic graft
    /// threshold, grafts up to `opportunisticGraftPeerCount` random peers scoring above it.
    private mutating func graftOpportunistically(topic: String, now: Duration) {
        let meshPeers = mesh[topic] ?? []
        guard meshPeers.count > 1 else { return }
        let scores = Self.sorted(meshPeers).map { score.score(of: $0) }.sorted()
        let median = scores[scores.count / 2]
        guard median < configuration.scoreThresholds.opportunisticGraftThreshold else { return }
        let candidates = graftCandidates(topic: topic, now: now).filter { score.score(of: $0) > median }
        for peer in candidates.prefix(configuration.opportunisticGraftPeerCount) {
            statistics.opportunisticGrafts += 1
            graft(peer, topic: topic, now: now)
        }
    }

    private mutating func resetPeerCounters() {
        // In place, by index: a copy of each peer's state would retain each of its tables,
        // and iterating `peers.indices` would keep the dictionary shared, copying it whole.
        var index = peers.startIndex
        while index != peers.endIndex {
            peers.values[index].startHeartbeat(heartbeatCount)
            peers.formIndex(after: &index)
        }
    }

    /// Drops negative-score peers, grafts up to D below D_lo, prunes to D above D_hi
    /// (D_score best by score, the rest at random, D_out outbound kept), and tops up
    /// outbound peers below D_out.
    mutating func maintainMesh(topic: String, now: Duration) {
        for peer in Self.sorted(mesh[topic] ?? []) where score.score(of: peer) < 0 {
            prune(peer, topic: topic, peerExchange: false, now: now)
        }
        let count = mesh[topic]?.count ?? 0
        if count < configuration.meshDegreeLow {
            for peer in graftCandidates(topic: topic, now: now).prefix(configuration.meshDegree - count) {
                graft(peer, topic: topic, now: now)
            }
        } else if count > configuration.meshDegreeHigh {
            let kept = Set(selectSurvivors(topic: topic))
            for peer in Self.sorted(mesh[topic] ?? []) where !kept.contains(peer) {
                prune(peer, topic: topic, peerExchange: true, now: now)
            }
        }
        let meshPeers = mesh[topic] ?? []
        let outboundCount = meshPeers.filter { peers[$0]?.isOutbound == true }.count
        if meshPeers.count >= configuration.meshDegreeLow && outboundCount < configuration.meshOutboundMin {
            let outbound = graftCandidates(topic: topic, now: now).filter { peers[$0]?.isOutbound == true }
            for peer in outbound.prefix(configuration.meshOutboundMin - outboundCount) {
                graft(peer, topic: topic, now: now)
            }
        }
    }

    /// Peers on `topic` outside the mesh that we may graft, in random order.
    private mutating func graftCandidates(topic: String, now: Duration) -> [PeerID] {
        let meshPeers = mesh[topic] ?? []
        return shuffled(peersByTopic[topic] ?? []).filter { !meshPeers.contains($0) && isGraftable($0, topic: topic, now: now) }
    }

    /// The D peers an oversized mesh keeps: the D_score best by score, then random ones,
    /// with outbound peers swapped in until D_out of them are kept.
    private mutating func selectSurvivors(topic: String) -> [PeerID] {
        let byScore = shuffled(mesh[topic] ?? []).map { ($0, score.score(of: $0)) }.sorted { $0.1 > $1.1 }.map(\.0)
        var kept = Array(byScore.prefix(configuration.meshDegreeScore))
        var rest = Array(byScore.dropFirst(configuration.meshDegreeScore))
        rest.shuffle(using: &random)
        let randomCount = configuration.meshDegree - kept.count
        kept += rest.prefix(randomCount)
        var outboundSpare = rest.dropFirst(randomCount).filter { peers[$0]?.isOutbound == true }
        var outboundCount = kept.filter { peers[$0]?.isOutbound == true }.count
        var position = kept.count - 1
        while outboundCount < configuration.meshOutboundMin, !outboundSpare.isEmpty, position >= 0 {
            if peers[kept[position]]?.isOutbound != true {
                kept[position] = outboundSpare.removeFirst()
                outboundCount += 1
            }
            position -= 1
        }
        return kept
    }

    /// Removes `peer` from our mesh for `topic` with a PRUNE and our prune back-off; with
    /// `peerExchange` (oversubscription) the PRUNE offers other peers.
    mutating func prune(_ peer: PeerID, topic: String, peerExchange: Bool, now: Duration) {
        mesh[topic]?.remove(peer)
        chokes.forget(peer, topic: topic)
        score.prune(peer, topic: topic)
        queuePrune(peer, topic: topic, backoffDuration: configuration.pruneBackoff, peerExchange: peerExchange, now: now)
    }

    /// Forgets a fanout topic unused for the fanout TTL; otherwise drops peers that left
    /// or fell below the publish threshold, and refills it to D.
    private mutating func maintainFanout(topic: String, now: Duration) {
        let lastPublished = fanoutLastPublished[topic] ?? .zero
        guard now - lastPublished <= configuration.fanoutTimeToLive else {
            fanout[topic] = nil
            fanoutLastPublished[topic] = nil
            return
        }
        let threshold = configuration.scoreThresholds.publishThreshold
        let topicPeers = peersByTopic[topic] ?? []
        var members = (fanout[topic] ?? []).filter { topicPeers.contains($0) && score.score(of: $0) >= threshold }
        if members.count < configuration.meshDegree {
            let candidates = shuffled(topicPeers).filter {
                !members.contains($0) && !isDirect($0) && score.score(of: $0) >= threshold
            }
            members.formUnion(candidates.prefix(configuration.meshDegree - members.count))
        }
        fanout[topic] = members
    }

    /// IHAVE with the ids of `topic` in the gossip windows, to max(D_lazy, factor × eligible)
    /// random peers on the topic outside `excluding` whose score reaches the gossip threshold
    /// (not to direct peers, which get every message).
    private mutating func emitGossip(topic: String, excluding: Set<PeerID>) {
        var ids = messageCache.gossipIDs(topic: topic)
        guard !ids.isEmpty else { return }
        let threshold = configuration.scoreThresholds.gossipThreshold
        let eligible = shuffled(peersByTopic[topic] ?? []).filter {
            !excluding.contains($0) && !isDirect($0) && score.score(of: $0) >= threshold
        }
        let target = max(configuration.gossipDegree, Int(configuration.gossipFactor * Double(eligible.count)))
        if ids.count > configuration.ihaveIDCountMax {
            ids.shuffle(using: &random)
            ids = Array(ids.prefix(configuration.ihaveIDCountMax))
        }
        for peer in eligible.prefix(target) {
            var start = 0
            while start < ids.count {
                let end = min(start + configuration.rpcLimits.messageIDCountMax, ids.count)
                queue(.ihave(GossipIHave(topic: topic, messageIDs: Array(ids[start..<end]))), to: peer)
                start = end
            }
        }
    }
}
