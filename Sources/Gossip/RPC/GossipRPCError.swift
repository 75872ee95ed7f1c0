import Wire

/// Every way decoding a pubsub RPC can fail. Decoding never traps; it throws one of these.
public enum GossipRPCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a well-formed protobuf of the expected shape: truncated, a wrong
    /// wire type, invalid UTF-8 in a string, an invalid key.
    case malformed(WireError)
    /// The RPC (one frame) is longer than the limit, in bytes.
    case rpcTooLarge(limit: Int)
    /// A message's `data` has `byteCount` bytes, more than the limit.
    case messageDataTooLarge(byteCount: Int, limit: Int)
    /// The RPC carries more subscription changes than the limit.
    case tooManySubscriptions(limit: Int)
    /// The RPC carries more published messages than the limit.
    case tooManyMessages(limit: Int)
    /// The control message carries more entries than the limit.
    case tooManyControlEntries(limit: Int)
    /// An IHAVE, IWANT or IDONTWANT entry lists more message ids than the limit.
    case tooManyMessageIDs(limit: Int)
    /// A message id has `byteCount` bytes, more than the limit.
    case messageIDTooLong(byteCount: Int, limit: Int)
    /// A topic id has `byteCount` UTF-8 bytes, more than the limit.
    case topicTooLong(byteCount: Int, limit: Int)
    /// A PRUNE offers more peers than the limit.
    case tooManyPrunePeers(limit: Int)
    /// The named protobuf message lacks a field it needs (a message without a topic, say).
    case missingField(message: String, field: Int)
    /// A field that may appear once in the named protobuf message appears again.
    case duplicateField(message: String, field: Int)

    /// A sentence that tells a user what is wrong with the RPC.
    public var description: String {
        switch self {
        case .malformed(let error):
            "The pubsub RPC is malformed: \(error)"
        case .rpcTooLarge(let limit):
            "The pubsub RPC is longer than the limit of \(limit) bytes."
        case .messageDataTooLarge(let byteCount, let limit):
            "A pubsub message carries \(byteCount) bytes of data, over the limit of \(limit)."
        case .tooManySubscriptions(let limit):
            "The pubsub RPC carries more than \(limit) subscription changes."
        case .tooManyMessages(let limit):
            "The pubsub RPC carries more than \(limit) messages."
        case .tooManyControlEntries(let limit):
            "The pubsub control message carries more than \(limit) entries."
        case .tooManyMessageIDs(let limit):
            "A pubsub control entry lists more than \(limit) message ids."
        case .messageIDTooLong(let byteCount, let limit):
            "A pubsub message id has \(byteCount) bytes, over the limit of \(limit)."
        case .topicTooLong(let byteCount, let limit):
            "A pubsub topic id has \(byteCount) bytes, over the limit of \(limit)."
        case .tooManyPrunePeers(let limit):
            "A pubsub PRUNE offers more than \(limit) peers."
        case .missingField(let message, let field):
            "The pubsub \(message) lacks its field \(field)."
        case .duplicateField(let message, let field):
            "The pubsub \(message) repeats its field \(field), which may appear once."
        }
    }
}
