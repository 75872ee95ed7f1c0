extension PeerScore {
    /// Validation of message `id` begins at `now` (go `ValidateMessage`): its delivery
    /// record starts, so duplicates that arrive during validation are remembered.
    public mutating func validateMessage(_ id: MessageID, now: Duration) {
        deliveries.withRecord(id, now: now) { _ in }
    }

    /// Message `id` in `topic`, first received from `peer`, passed validation at `now`
    /// (go `DeliverMessage`): `peer` earns a first delivery (P2, and P3 in the mesh), and
    /// mesh peers that sent it during validation earn a mesh delivery (P3).
    ///
    /// Unlike go, the sender is also remembered in the record, so that sending the same
    /// message again within the window earns it nothing more.
    public mutating func deliverMessage(_ id: MessageID, topic: String, from peer: Peer, now: Duration) {
        withCounters(of: peer, topic: topic) { counters, topicParameters in
            counters.addFirstDelivery(topicParameters)
        }
        let earlyPeers: Set<Peer>? = deliveries.withRecord(id, now: now) { record in
            guard record.status == .unknown else { return nil }
            record.status = .valid
            record.validated = now
            let early = record.peers
            record.peers.insert(peer)
            return early
        }
        for earlyPeer in earlyPeers ?? [] where earlyPeer != peer {
            addMeshDelivery(of: earlyPeer, topic: topic, validated: nil, now: now)
        }
    }

    /// `peer` sent message `id` in `topic` again, at `now` (go `DuplicateMessage`).
    /// While validation runs, the peer is remembered; once valid, a mesh peer within
    /// `meshMessageDeliveriesWindow` of validation earns a mesh delivery (P3); once
    /// invalid, the peer earns an invalid delivery (P4). Each peer counts once per message.
    public mutating func duplicateMessage(_ id: MessageID, topic: String, from peer: Peer, now: Duration) {
        let peerLimit = deliveries.peersPerRecordMax
        let outcome: (status: MessageDeliveryRecord<Peer>.Status, validated: Duration?)? =
            deliveries.withRecord(id, now: now) { record in
                guard !record.peers.contains(peer) else { return nil }
                switch record.status {
                case .unknown, .valid:
                    guard record.peers.count < peerLimit else { return nil }
                    record.peers.insert(peer)
                case .invalid, .ignored, .throttled:
                    break
                }
                return (record.status, record.validated)
            }
        switch outcome?.status {
        case .valid:
            addMeshDelivery(of: peer, topic: topic, validated: outcome?.validated, now: now)
        case .invalid:
            addInvalidDelivery(of: peer, topic: topic)
        case .unknown, .ignored, .throttled, nil:
            break
        }
    }

    /// Message `id` in `topic` from `peer` was not delivered, for `reason`, at `now`
    /// (go `RejectMessage`); see `PeerScoreRejection` for what each reason does.
    public mutating func rejectMessage(
        _ id: MessageID, topic: String, from peer: Peer, reason: PeerScoreRejection, now: Duration
    ) {
        switch reason {
        case .invalidAuthentication:
            addInvalidDelivery(of: peer, topic: topic)
            return
        case .notValidated:
            return
        case .invalid, .ignored, .throttled:
            break
        }
        let penalised: Set<Peer>? = deliveries.withRecord(id, now: now) { record in
            guard record.status == .unknown else { return nil }
            let peers = record.peers
            record.peers = []
            switch reason {
            case .ignored: record.status = .ignored
            case .throttled: record.status = .throttled
            default:
                record.status = .invalid
                return peers.union([peer])
            }
            return []
        }
        for penalisedPeer in penalised ?? [] {
            addInvalidDelivery(of: penalisedPeer, topic: topic)
        }
    }

    /// A mesh delivery (P3) for `peer` in `topic`, if it is in the mesh and the delivery
    /// came during validation (`validated` nil) or within the window after it.
    private mutating func addMeshDelivery(of peer: Peer, topic: String, validated: Duration?, now: Duration) {
        withCounters(of: peer, topic: topic) { counters, topicParameters in
            guard counters.isInMesh else { return }
            if let validated, now - validated > topicParameters.meshMessageDeliveriesWindow { return }
            counters.addMeshDelivery(topicParameters)
        }
    }

    private mutating func addInvalidDelivery(of peer: Peer, topic: String) {
        withCounters(of: peer, topic: topic) { counters, _ in
            counters.invalidMessageDeliveries += 1
        }
    }
}
