import Identity
import Wire

/// Why a message fails its topic's ``GossipSigningPolicy``.
public enum GossipMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A strictSign message has no `signature`.
    case missingSignature
    /// A strictSign message has no `from`.
    case missingAuthor
    /// `from` is not a valid peer id.
    case invalidAuthor(IdentityError)
    /// A strictSign message has no `seqno`.
    case missingSequenceNumber
    /// `seqno` has `byteCount` bytes instead of 8.
    case invalidSequenceNumberLength(byteCount: Int)
    /// The author's peer id is a hash, and the message carries no `key`.
    case missingPublicKey
    /// `key` is not a libp2p `PublicKey` protobuf, or its key bytes are unusable.
    case invalidPublicKey(String)
    /// `key` is a valid key but not the one `from` names.
    case publicKeyMismatch
    /// The author's key is of a type this node cannot verify (only Ed25519 is supported).
    case unsupportedKeyType(LibP2PKeyType)
    /// The signature does not verify.
    case invalidSignature
    /// A strictNoSign message carries the field with this number (from 1, seqno 3,
    /// signature 5 or key 6).
    case forbiddenField(Int)

    /// A sentence that tells a user what is wrong with the message.
    public var description: String {
        switch self {
        case .missingSignature: "The pubsub message is not signed, but its topic requires signatures."
        case .missingAuthor: "The pubsub message names no author, but its topic requires one."
        case .invalidAuthor(let error): "The pubsub message's author is not a valid peer id: \(error)"
        case .missingSequenceNumber: "The pubsub message has no sequence number, but its topic requires one."
        case .invalidSequenceNumberLength(let byteCount):
            "The pubsub message's sequence number has \(byteCount) bytes; it must have 8."
        case .missingPublicKey: "The pubsub message's author key is neither in its peer id nor attached."
        case .invalidPublicKey(let detail): "The pubsub message's attached key is invalid: \(detail)."
        case .publicKeyMismatch: "The pubsub message's attached key does not belong to its author."
        case .unsupportedKeyType(let type): "The pubsub message is signed with a \(type) key; only Ed25519 is supported."
        case .invalidSignature: "The pubsub message's signature does not verify."
        case .forbiddenField(let field):
            "The pubsub message carries field \(field), which its topic's no-signature policy forbids."
        }
    }
}
