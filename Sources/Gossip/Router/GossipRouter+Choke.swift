import Identity

extension GossipRouter {
    /// The choke extension's parts of an RPC from `peer`: its announcement of the extension
    /// (`GossipExtensions.choke`), and CHOKE and UNCHOKE, honoured for mesh links only, by a
    /// router that uses the extension. A peer that sends CHOKE or UNCHOKE speaks the
    /// extension even when its announcement did not arrive (it is sent once, in the first
    /// RPC, and a lossy link can drop it), so it counts as announced from then on.
    mutating func handleChokeExtension(_ rpc: GossipRPC, from peer: PeerID) {
        guard configuration.chokesMeshPeers, let index = peers.index(forKey: peer) else { return }
        if rpc.control?.extensions?.choke == true {
            peers.values[index].supportsChoke = true
        }
        guard let message = rpc.choke, !(message.choke.isEmpty && message.unchoke.isEmpty) else { return }
        if !peers.values[index].supportsChoke {
            peers.values[index].supportsChoke = true
            statistics.chokeSupportInferred += 1
        }
        for topic in message.choke {
            guard mesh[topic]?.contains(peer) == true else {
                statistics.chokesIgnored += 1
                continue
            }
            chokes.setChoking(true, by: peer, topic: topic)
            statistics.chokesReceived += 1
        }
        for topic in message.unchoke {
            chokes.setChoking(false, by: peer, topic: topic)
            statistics.unchokesReceived += 1
        }
    }

    /// Whether we choke our slower mesh peers in `topic` (`chokesMeshPeers`, `chokingTopics`).
    func chokesMeshPeers(in topic: String) -> Bool {
        configuration.chokesMeshPeers && (configuration.chokingTopics?.contains(topic) ?? true)
    }

    /// Whether `peer` is a mesh peer of `topic` that speaks the choke extension, with the
    /// extension in use here.
    mutating func isChokeCapableMeshPeer(_ peer: PeerID, topic: String) -> Bool {
        guard configuration.chokesMeshPeers, mesh[topic]?.contains(peer) == true else { return false }
        return peerState(of: peer, { $0.supportsChoke }) ?? false
    }

    /// The mesh peers of `topic` that speak the choke extension, in the router's order.
    mutating func chokeCapableMeshPeers(of topic: String) -> [PeerID] {
        var capable: [PeerID] = []
        for peer in Self.sorted(mesh[topic] ?? []) where isChokeCapableMeshPeer(peer, topic: topic) {
            capable.append(peer)
        }
        return capable
    }

    /// A full copy of message `id` in `topic` from `peer` (`isFirst` for the first copy):
    /// measures the peer's lateness when it is a mesh peer that speaks the extension, and
    /// chokes or unchokes what the measurement calls for while the topic has more or fewer
    /// unchoked peers than it keeps (swaps wait for the heartbeat). Measures nothing while
    /// the topic's mesh is no larger than the peers it keeps unchoked (nobody to choke):
    /// the first-heard time of every message was most of what choking cost a node there.
    mutating func measureDelivery(of id: GossipMessageID, topic: String, from peer: PeerID, isFirst: Bool, now: Duration) {
        guard chokesMeshPeers(in: topic), (mesh[topic]?.count ?? 0) > configuration.meshUnchokedCount,
              let lateness = chokes.hear(id, now: now), isChokeCapableMeshPeer(peer, topic: topic) else { return }
        chokes.addDelivery(of: id, from: peer, topic: topic, lateness: lateness, isFirst: isFirst)
        statistics.chokeSamples += 1
        if chokes.isUnsettled(topic: topic) { applyChokeDecisions(topic: topic, now: now) }
    }

    /// A duplicate of message `id` in `topic` from `peer`: CHOKE goes again, at most once per
    /// `chokeRepeatInterval`, when we choked the peer and did not ask it for the message, so
    /// a lost CHOKE does not leave the link eager for good. Only duplicates count: a choked
    /// peer still sends its own messages in full (flood publishing), and in an unsigned
    /// topic nothing tells them from forwards, but they are new to us.
    mutating func repeatChokeIfIgnored(_ id: GossipMessageID, topic: String, by peer: PeerID, now: Duration) {
        guard chokesMeshPeers(in: topic), chokes.isChoked(peer, topic: topic),
              chokes.repeatsChoke(of: peer, deliveringUnasked: id, topic: topic, now: now,
                                  interval: configuration.chokeRepeatInterval)
        else { return }
        queue(.choke(topic: topic), to: peer)
        statistics.chokesRepeated += 1
    }

    /// IHAVE entries from `peer` that are announcements of a choked mesh link (not gossip):
    /// they count as deliveries for P3 (as the choke draft asks). Returns the announced ids
    /// to ask for with IWANT: those not seen, and not asked of another announcer within
    /// `chokeRequestTimeout`.
    mutating func announcedIDsToRequest(_ entries: [GossipIHave], from peer: PeerID, now: Duration) -> [GossipMessageID] {
        var wanted: [GossipMessageID] = []
        for entry in entries where subscriptions.contains(entry.topic) {
            for id in entry.messageIDs {
                score.duplicateMessage(id, topic: entry.topic, from: peer, now: now)
                guard !seen.contains(id, now: now) else { continue }
                if chokes.announce(id, by: peer, now: now, requestTimeout: configuration.chokeRequestTimeout) {
                    wanted.append(id)
                } else {
                    statistics.announcementsNotRequested += 1
                }
            }
        }
        statistics.announcementsReceived += entries.count
        return wanted
    }

    /// Sends the CHOKE and UNCHOKE that the measurements of `topic` call for.
    mutating func applyChokeDecisions(topic: String, now: Duration) {
        let candidates = chokeCapableMeshPeers(of: topic)
        let (choke, unchoke) = chokes.decide(topic: topic, meshPeers: candidates, now: now)
        for peer in choke {
            queue(.choke(topic: topic), to: peer)
            statistics.chokesSent += 1
        }
        for peer in unchoke {
            queue(.unchoke(topic: topic), to: peer)
            statistics.unchokesSent += 1
        }
    }

    /// Heartbeat upkeep of the choke extension for `topic`.
    mutating func maintainChokes(topic: String, now: Duration) {
        guard chokesMeshPeers(in: topic) else { return }
        let candidates = chokeCapableMeshPeers(of: topic)
        chokes.heartbeat(topic: topic, meshPeers: candidates)
        applyChokeDecisions(topic: topic, now: now)
    }

    /// The mesh peers of `topic` that we choked (they announce new messages to us with IHAVE).
    public func chokedMeshPeers(of topic: String) -> Set<PeerID> {
        chokes.topics[topic]?.chokedByUs ?? []
    }

    /// The mesh peers of `topic` that choked us (we announce new messages to them with IHAVE).
    public func meshPeersChokingUs(of topic: String) -> Set<PeerID> {
        chokes.topics[topic]?.chokingUs ?? []
    }
}
