/// What a peer does besides relaying gossip.
public enum NodeRole: String, Sendable, CaseIterable, Codable, Comparable {
    /// Relays gossip, verifies and applies finalized batches (every peer does this).
    case relay
    /// Proposes batches in the slots it leads (needs sequencer stake).
    case sequencer
    /// Votes on batches (needs validator stake).
    case validator
    /// Votes on contributions to datanets (needs curator stake); fetches their payloads.
    case curator
    /// Serves models and adapters and signs inference receipts (needs host stake); fetches
    /// the adapters of training results.
    case host

    /// Whether a node with this role fetches the payloads of new contributions, the
    /// adapters of new training results and the revealed texts of new receipts over
    /// `/oln/blob/1` (a node with an `audit` section does too).
    public var fetchesBlobs: Bool { self == .curator || self == .host }

    public static func < (left: NodeRole, right: NodeRole) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}
