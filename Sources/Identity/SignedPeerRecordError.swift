import Wire

/// Why a signed peer record (libp2p RFC 0003 in an RFC 0002 envelope) was refused.
public enum SignedPeerRecordError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The envelope is too large, malformed, signed with an unsupported key, or its
    /// signature does not verify.
    case envelope(SignedEnvelopeError)
    /// The envelope holds something other than a peer record.
    case unexpectedPayloadType([UInt8])
    /// The record protobuf does not decode, or its peer id is missing or repeated.
    case malformedRecord(WireError)
    /// The record's peer id is not a valid peer id.
    case invalidPeerID(IdentityError)
    /// The record lists more than ``PeerRecord/addressCountMax`` addresses.
    case tooManyAddresses(limit: Int)
    /// An address is longer than ``PeerRecord/addressByteCountMax``.
    case addressTooLong(byteCount: Int, limit: Int)
    /// The record names another peer than the key that signed it.
    case peerMismatch(record: PeerID, signer: PeerID)

    /// Whether the record was refused only because its key type is not verified here
    /// (RSA, secp256k1, ECDSA), not because it is wrong.
    public var isUnsupportedKeyType: Bool {
        if case .envelope(.unsupportedKeyType) = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .envelope(let error):
            return "\(error)"
        case .unexpectedPayloadType(let type):
            return "the envelope's payload type \(type.map { String($0, radix: 16) }) is not a peer record"
        case .malformedRecord(let error):
            return "malformed peer record: \(error)"
        case .invalidPeerID(let error):
            return "the peer record's peer id is invalid: \(error)"
        case .tooManyAddresses(let limit):
            return "the peer record lists more than \(limit) addresses"
        case .addressTooLong(let byteCount, let limit):
            return "a peer record address has \(byteCount) bytes, over the limit of \(limit)"
        case .peerMismatch(let record, let signer):
            return "the peer record names \(record) but was signed by \(signer)"
        }
    }
}
