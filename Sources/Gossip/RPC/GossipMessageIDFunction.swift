import Sodium

/// How a topic derives message ids from messages; every peer on a topic must use the same.
public enum GossipMessageIDFunction: Sendable, Equatable, CaseIterable {
    /// `from ‖ seqno`: the author's peer id bytes followed by the sequence number bytes,
    /// the default of go-libp2p-pubsub and py-libp2p. An absent field contributes nothing.
    case authorAndSequence
    /// The BLAKE2b-256 digest of `data`, for topics whose messages carry no author
    /// (``GossipSigningPolicy/strictNoSign``): equal content gives one id whoever sends it.
    case contentHash

    /// The id of `message` under this function.
    public func messageID(for message: GossipMessage) -> GossipMessageID {
        switch self {
        case .authorAndSequence:
            GossipMessageID(bytes: (message.from ?? []) + (message.seqno ?? []))
        case .contentHash:
            GossipMessageID(bytes: BLAKE2b256.hash(message.data ?? []))
        }
    }
}
