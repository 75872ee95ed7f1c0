extension PeerScore {
    /// A connection to `peer` is open, from the remote `addresses` (IP bytes: 4 or 16 each).
    /// A peer with a retained score gets it back. False when the peer table is full of
    /// connected peers: the peer is then not scored (its score reads 0).
    @discardableResult
    public mutating func addPeer(_ peer: Peer, addresses: [[UInt8]]) -> Bool {
        if records[peer] == nil {
            guard makeRoomForPeer() else { return false }
            records[peer] = PeerScoreRecord()
        }
        records[peer]?.isConnected = true
        setAddresses(addresses, of: peer)
        return true
    }

    /// The remote addresses of `peer`'s connections changed (go `refreshIPs`).
    public mutating func setAddresses(_ addresses: [[UInt8]], of peer: Peer) {
        guard let record = records[peer] else { return }
        var keys: [ColocationKey] = []
        for address in addresses.prefix(addressesPerPeerMax) {
            for key in ColocationKey.keys(of: address, whitelist: parameters.ipColocationFactorWhitelist)
            where !keys.contains(key) {
                keys.append(key)
            }
        }
        for key in record.colocationKeys where !keys.contains(key) {
            removeColocation(of: peer, key: key)
        }
        for key in keys {
            peersByColocationKey[key, default: []].insert(peer)
        }
        records[peer]?.colocationKeys = keys
    }

    /// The last connection to `peer` closed at `now`. A positive score is forgotten; any
    /// other is retained for `retainScore` (go `OnClosedOutboundStream`): first-delivery
    /// counters are cleared and a mesh delivery deficit becomes the sticky P3b penalty.
    public mutating func removePeer(_ peer: Peer, now: Duration) {
        guard var record = records[peer], record.isConnected else { return }
        if score(of: peer) > 0 || parameters.retainScore <= .zero {
            forget(peer)
            return
        }
        for (topic, counters) in record.topics {
            guard let topicParameters = parameters.topics[topic] else { continue }
            var updated = counters
            updated.firstMessageDeliveries = 0
            if updated.isInMesh { updated.leaveMesh(topicParameters) }
            record.topics[topic] = updated
        }
        record.isConnected = false
        record.expiry = now + parameters.retainScore
        records[peer] = record
    }

    /// Sets the application-specific value P5 of `peer` (for example a bonus for
    /// bootstrap peers or staked validators).
    /// - Precondition: `value` is finite.
    public mutating func setApplicationScore(_ value: Double, of peer: Peer) {
        precondition(value.isFinite, "an application score must be finite")
        records[peer]?.applicationScore = value
    }

    /// Drops `peer` and its colocation entries.
    mutating func forget(_ peer: Peer) {
        guard let record = records.removeValue(forKey: peer) else { return }
        for key in record.colocationKeys {
            removeColocation(of: peer, key: key)
        }
    }

    private mutating func removeColocation(of peer: Peer, key: ColocationKey) {
        peersByColocationKey[key]?.remove(peer)
        if peersByColocationKey[key]?.isEmpty == true {
            peersByColocationKey[key] = nil
        }
    }

    /// At the peer limit, forgets the retained peer that expires soonest; false when every
    /// tracked peer is connected. O(peers), and only at the limit.
    private mutating func makeRoomForPeer() -> Bool {
        guard records.count >= peerCountMax else { return true }
        let retained = records.filter { !$0.value.isConnected }
        guard let soonest = retained.min(by: { $0.value.expiry < $1.value.expiry }) else { return false }
        forget(soonest.key)
        return true
    }
}
