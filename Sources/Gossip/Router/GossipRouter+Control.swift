import Identity

extension GossipRouter {
    /// Handles the control part of an RPC from `peer`.
    mutating func handleControl(_ control: GossipControlMessage, from peer: PeerID, now: Duration) {
        handleIHave(control.ihave, from: peer, now: now)
        handleIWant(control.iwant, from: peer, now: now)
        for graft in control.graft {
            handleGraft(graft, from: peer, now: now)
        }
        for prune in control.prune {
            handlePrune(prune, from: peer, now: now)
        }
        handleIDontWant(control.idontwant, from: peer)
    }

    /// IHAVE: asks with IWANT for the announced ids we have not seen, within the
    /// per-heartbeat limits, and only from peers at or above the gossip threshold. IHAVE
    /// from a mesh peer we choked announces what it would have sent (choke extension): it
    /// is measured and does not count against the gossip limit of IHAVE messages.
    mutating func handleIHave(_ entries: [GossipIHave], from peer: PeerID, now: Duration) {
        // Its counters in place: a copy of the peer's state would retain each of its tables.
        guard !entries.isEmpty, let index = peers.index(forKey: peer) else { return }
        let (ihaveCount, iwantIDCount) = peerState(at: index) { ($0.ihaveCountThisHeartbeat, $0.iwantIDCountThisHeartbeat) }
        let isAnnouncement = entries.allSatisfy { chokes.isChoked(peer, topic: $0.topic) }
            && entries.allSatisfy { isChokeCapableMeshPeer(peer, topic: $0.topic) }
        guard score.score(of: peer) >= configuration.scoreThresholds.gossipThreshold,
              isAnnouncement || ihaveCount < configuration.ihaveMessageCountMaxPerHeartbeat,
              iwantIDCount < configuration.iwantIDCountMaxPerHeartbeat
        else {
            statistics.ihaveIgnored += entries.count
            return
        }
        var wanted: [GossipMessageID] = []
        if isAnnouncement {
            wanted = announcedIDsToRequest(entries, from: peer, now: now)
        } else {
            peers.values[index].ihaveCountThisHeartbeat += 1
            var wantedSet: Set<GossipMessageID> = []
            for entry in entries where subscriptions.contains(entry.topic) {
                for id in entry.messageIDs where !seen.contains(id, now: now) && wantedSet.insert(id).inserted {
                    wanted.append(id)
                }
            }
        }
        let room = configuration.iwantIDCountMaxPerHeartbeat - iwantIDCount
        if wanted.count > room {
            wanted.shuffle(using: &random)
            wanted = Array(wanted.prefix(room))
        }
        peers.values[index].iwantIDCountThisHeartbeat += wanted.count
        var start = 0
        while start < wanted.count {
            let end = min(start + configuration.rpcLimits.messageIDCountMax, wanted.count)
            queue(.iwant(GossipIWant(messageIDs: Array(wanted[start..<end]))), to: peer)
            start = end
        }
        statistics.iwantIDsSent += wanted.count
        if let promised = wanted.randomElement(using: &random),
           !promises.add(promised, peer: peer, expiry: now + configuration.iwantFollowupTime) {
            statistics.promisesNotTracked += 1
        }
    }

    /// IWANT: serves the asked messages from the message cache, each at most
    /// `gossipRetransmissionMax` times to one peer, to peers at or above the gossip threshold.
    mutating func handleIWant(_ entries: [GossipIWant], from peer: PeerID, now: Duration) {
        guard !entries.isEmpty else { return }
        guard score.score(of: peer) >= configuration.scoreThresholds.gossipThreshold else {
            statistics.iwantIgnored += entries.count
            return
        }
        for entry in entries {
            for id in entry.messageIDs {
                guard let (message, count) = messageCache.getForPeer(id, peer: peer) else { continue }
                guard count <= messageCache.retransmissionMax else {
                    statistics.iwantRetransmissionsRefused += 1
                    continue
                }
                statistics.iwantMessagesServed += 1
                queue(message, id: id, priority: .forwarded, to: peer, now: now)
            }
        }
    }

    /// GRAFT: accepted when we are subscribed, the peer is not direct, not backing off,
    /// scores at least 0 and the mesh is below D_hi (or the peer is outbound); otherwise
    /// PRUNE. A GRAFT during back-off earns a behaviour penalty (two within the flood
    /// threshold); one from a direct peer is a configuration error on one side, answered
    /// with PRUNE and counted but not penalised (go-libp2p-pubsub logs it). Only the PRUNE
    /// for a full mesh offers peers (PX).
    mutating func handleGraft(_ graft: GossipGraft, from peer: PeerID, now: Duration) {
        let topic = graft.topic
        guard subscriptions.contains(topic), let state = peers[peer] else { return }
        guard mesh[topic]?.contains(peer) != true else { return }
        if isDirect(peer) {
            statistics.directGraftsRefused += 1
            refuseGraft(from: peer, topic: topic, peerExchange: false, now: now)
            return
        }
        if backoff.isBackingOff(peer, topic: topic, now: now) {
            statistics.graftBackoffViolations += 1
            score.addPenalty(peer, count: backoff.isGraftFlood(peer, topic: topic, now: now) ? 2 : 1)
            refuseGraft(from: peer, topic: topic, peerExchange: false, now: now)
            return
        }
        guard score.score(of: peer) >= 0 else {
            refuseGraft(from: peer, topic: topic, peerExchange: false, now: now)
            return
        }
        let meshCount = mesh[topic]?.count ?? 0
        guard meshCount < configuration.meshDegreeHigh || state.isOutbound else {
            refuseGraft(from: peer, topic: topic, peerExchange: true, now: now)
            return
        }
        mesh[topic, default: []].insert(peer)
        chokes.forget(peer, topic: topic)
        score.graft(peer, topic: topic, now: now)
    }

    private mutating func refuseGraft(from peer: PeerID, topic: String, peerExchange: Bool, now: Duration) {
        statistics.graftsRefused += 1
        queuePrune(peer, topic: topic, backoffDuration: configuration.pruneBackoff, peerExchange: peerExchange, now: now)
    }

    /// PRUNE: the peer leaves our mesh, we back off for the time it asks, and the peers it
    /// offers are considered for connection (`acceptPeerExchange`).
    mutating func handlePrune(_ prune: GossipPrune, from peer: PeerID, now: Duration) {
        statistics.prunesReceived += 1
        if mesh[prune.topic]?.remove(peer) != nil {
            score.prune(peer, topic: prune.topic)
        }
        chokes.forget(peer, topic: prune.topic)
        backoff.addReceivedPrune(peer, topic: prune.topic, backoffSeconds: prune.backoffSeconds, now: now)
        acceptPeerExchange(prune.peers, from: peer, topic: prune.topic)
    }

    /// IDONTWANT: remembers the ids for `idontwantHeartbeats` heartbeats, up to the per-peer limit.
    mutating func handleIDontWant(_ entries: [GossipIDontWant], from peer: PeerID) {
        // In place: a copy of the peer's state would copy its whole table on the first write.
        guard !entries.isEmpty, let index = peers.index(forKey: peer) else { return }
        let expiry = heartbeatCount + UInt64(configuration.idontwantHeartbeats)
        for entry in entries {
            for id in entry.messageIDs {
                if peers.values[index].unwantedIDs[id] == nil
                    && peers.values[index].unwantedIDs.count >= configuration.idontwantCountMaxPerPeer {
                    statistics.idontwantIDsDropped += 1
                    continue
                }
                peers.values[index].unwantedIDs[id] = expiry
                statistics.idontwantIDsReceived += 1
            }
        }
    }
}
