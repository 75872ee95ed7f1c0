import Identity

extension GossipRouter {
    /// Keeps `record` as `peer`'s signed peer record, offered with the peer in our PRUNEs
    /// (peer exchange). The caller has opened it (`SignedPeerRecord(opening:)`), usually
    /// from identify. Ignored unless `peer` is connected and the record names it and is
    /// newer than the one held; forgotten when the peer is removed.
    public mutating func setSignedPeerRecord(_ record: SignedPeerRecord, of peer: PeerID) {
        guard record.peerID == peer, var state = peers[peer] else { return }
        if let held = state.signedPeerRecord, !record.isNewer(than: held) { return }
        state.signedPeerRecord = record
        peers[peer] = state
    }

    /// The signed peer record held for a connected peer.
    public func signedPeerRecord(of peer: PeerID) -> SignedPeerRecord? {
        peers[peer]?.signedPeerRecord
    }

    /// The peers a PRUNE to `peer` for `topic` offers (v1.1 peer exchange): up to
    /// `prunePeerCount` random other peers of the topic with a score of at least 0, direct
    /// peers left out (the agreement is private), each with its signed peer record when we
    /// hold one. None when we do not offer PX, when `peer` runs v1.0 (it cannot read them)
    /// or when its own score is negative.
    mutating func peerExchangeOffer(to peer: PeerID, topic: String) -> [GossipPeerInfo] {
        guard configuration.offersPeerExchange, configuration.prunePeerCount > 0,
              peers[peer]?.version.allowsPeerExchange == true, score.score(of: peer) >= 0
        else { return [] }
        let candidates = shuffled(peersByTopic[topic] ?? []).filter {
            $0 != peer && !isDirect($0) && score.score(of: $0) >= 0
        }
        let offered = candidates.prefix(configuration.prunePeerCount).map {
            GossipPeerInfo(peerID: $0.bytes, signedPeerRecord: peers[$0]?.signedPeerRecord?.envelopeBytes)
        }
        statistics.peerExchangeOffered += offered.count
        statistics.peerExchangeRecordsOffered += offered.filter { $0.signedPeerRecord != nil }.count
        return offered
    }

    /// The peers `peer` offered in a PRUNE for `topic`: ignored unless we are subscribed
    /// and `peer` scores at least `acceptPXThreshold`; otherwise up to `prunePeerCount`
    /// of them (chosen at random when more are offered) that are neither us nor connected
    /// become `.connect` actions, within `peerExchangeConnectCountMaxPerHeartbeat`. A
    /// signed peer record that opens and names the offered peer rides on the action, so
    /// that the transport can dial its addresses; one that does not is dropped and counted,
    /// and the peer goes on as if offered without a record.
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
            let record = info.signedPeerRecord.flatMap { offeredRecord($0, for: candidate) }
            pendingActions.append(.connect(candidate, .peerExchange(offeredBy: peer, record: record)))
        }
    }

    /// Opens a signed peer record offered for `candidate`; nil (counted) when it does not
    /// open or names another peer.
    private mutating func offeredRecord(_ bytes: [UInt8], for candidate: PeerID) -> SignedPeerRecord? {
        do {
            let record = try SignedPeerRecord(opening: bytes)
            guard record.peerID == candidate else {
                statistics.peerExchangeRecordsInvalid += 1
                return nil
            }
            statistics.peerExchangeRecordsAccepted += 1
            return record
        } catch {
            if error.isUnsupportedKeyType {
                statistics.peerExchangeRecordsUnsupported += 1
            } else {
                statistics.peerExchangeRecordsInvalid += 1
            }
            return nil
        }
    }
}
