/// What a topic requires of the authorship fields of its messages (pubsub spec,
/// "Signature Policy Options").
public enum GossipSigningPolicy: Sendable, Equatable, CaseIterable {
    /// Every message carries `from`, an 8-byte `seqno` and a valid `signature` by the
    /// author (and `key` when the author's key cannot be read from its peer id).
    case strictSign
    /// No message carries `from`, `seqno`, `signature` or `key`; ids come from content.
    case strictNoSign
}
