/// One control entry queued for a peer.
enum GossipControlEntry: Sendable {
    case ihave(GossipIHave)
    case iwant(GossipIWant)
    case graft(GossipGraft)
    case prune(GossipPrune)
    case idontwant(GossipIDontWant)
    /// The extensions we support (gossipsub v1.3), queued first for a new peer.
    case extensions(GossipExtensions)
    /// CHOKE or UNCHOKE for a topic (the choke extension; an RPC field of its own).
    case choke(topic: String)
    case unchoke(topic: String)

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
        case .extensions:
            GossipOutbox.fieldByteCount(Self.experimentalTagByteCount + 1)
        case .choke(let topic), .unchoke(let topic):
            GossipOutbox.fieldByteCount(GossipOutbox.fieldByteCount(topic.utf8.count))
                + Self.experimentalTagByteCount
        }
    }

    /// The tag of an experimental field (a field number of 4 varint bytes) takes 5 bytes;
    /// generous for the choke message's own tag, counted once per entry.
    private static var experimentalTagByteCount: Int { 5 }

    /// Adds the entry to `control`, or to `choke` for CHOKE and UNCHOKE.
    func append(to control: inout GossipControlMessage, choke: inout GossipChokeMessage) {
        switch self {
        case .ihave(let ihave): control.ihave.append(ihave)
        case .iwant(let iwant): control.iwant.append(iwant)
        case .graft(let graft): control.graft.append(graft)
        case .prune(let prune): control.prune.append(prune)
        case .idontwant(let idontwant): control.idontwant.append(idontwant)
        case .extensions(let extensions): control.extensions = extensions
        case .choke(let topic): choke.choke.append(topic)
        case .unchoke(let topic): choke.unchoke.append(topic)
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
