import Identity

extension GossipRouter {
    /// The connected direct peers that announced `topic`.
    func directPeers(on topic: String) -> Set<PeerID> {
        guard !configuration.directPeers.isEmpty else { return [] }
        return configuration.directPeers.intersection(peersByTopic[topic] ?? [])
    }

    /// At the first heartbeat and every `directConnectHeartbeats` after it, asks the
    /// transport to connect the direct peers that are not connected.
    mutating func connectDirectPeers() {
        guard !configuration.directPeers.isEmpty,
              (heartbeatCount - 1) % UInt64(configuration.directConnectHeartbeats) == 0 else { return }
        for peer in Self.sorted(configuration.directPeers) where peers[peer] == nil && peer != localPeer {
            statistics.directConnects += 1
            pendingActions.append(.connect(peer, .directPeer))
        }
    }
}
