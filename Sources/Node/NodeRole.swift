/// What a peer does besides relaying gossip.
public enum NodeRole: String, Sendable, CaseIterable, Codable, Comparable {
    /// Relays gossip, verifies and applies finalized batches (every peer does this).
    case relay
    /// Proposes batches in the slots it leads (needs sequencer stake).
    case sequencer
    /// Votes on batches (needs validator stake).
    case validator

    public static func < (left: NodeRole, right: NodeRole) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}
