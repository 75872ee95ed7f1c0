/// One control entry queued for a peer.
enum GossipControlEntry: Sendable {
    case ihave(GossipIHave)
    case iwant(GossipIWant)
    case graft(GossipGraft)
    case prune(GossipPrune)
    case idontwant(GossipIDontWant)

    /// The entry's encoded size inside a control message, for filling RPCs up to a byte budget.
    var estimatedByteCount: Int {
        switch self {
        case .ihave(let ihave):
            GossipOutbox.fieldByteCount(
                GossipOutbox.fieldByteCount(ihave.topic.utf8.count) + Self.idsByteCount(ihave.messageIDs))
        case .iwant(let iwant):
            GossipOutbox.fieldByteCount(Self.idsByteCount(iwant.messageIDs))
        case .graft(let graft):
            GossipOutbox.fieldByteCount(GossipOutbox.fieldByteCount(graft.topic.utf8.count))
        case .prune(let prune):
            GossipOutbox.fieldByteCount(
                GossipOutbox.fieldByteCount(prune.topic.utf8.count) + 11 + Self.peersByteCount(prune.peers))
        case .idontwant(let idontwant):
            GossipOutbox.fieldByteCount(Self.idsByteCount(idontwant.messageIDs))
        }
    }

    /// Adds the entry to `control`.
    func append(to control: inout GossipControlMessage) {
        switch self {
        case .ihave(let ihave): control.ihave.append(ihave)
        case .iwant(let iwant): control.iwant.append(iwant)
        case .graft(let graft): control.graft.append(graft)
        case .prune(let prune): control.prune.append(prune)
        case .idontwant(let idontwant): control.idontwant.append(idontwant)
        }
    }

    private static func peersByteCount(_ peers: [GossipPeerInfo]) -> Int {
        peers.reduce(0) { total, peer in
            let idBytes = peer.peerID.map { GossipOutbox.fieldByteCount($0.count) } ?? 0
            let recordBytes = peer.signedPeerRecord.map { GossipOutbox.fieldByteCount($0.count) } ?? 0
            return total + GossipOutbox.fieldByteCount(idBytes + recordBytes)
        }
    }

    private static func idsByteCount(_ ids: [GossipMessageID]) -> Int {
        ids.reduce(0) { $0 + GossipOutbox.fieldByteCount($1.bytes.count) }
    }
}
