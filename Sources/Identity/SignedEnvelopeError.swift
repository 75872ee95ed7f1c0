import Wire

/// Why a signed envelope (libp2p RFC 0002) was refused.
public enum SignedEnvelopeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The envelope is longer than ``SignedEnvelope/byteCountMax``.
    case tooLarge(byteCount: Int, limit: Int)
    /// The envelope protobuf does not decode, or a required field is missing or repeated.
    case malformed(WireError)
    /// The envelope is signed with a key type this build does not verify (only Ed25519).
    case unsupportedKeyType(LibP2PKeyType)
    /// The public key's bytes are not a key of its type.
    case invalidPublicKey(String)
    /// The signature does not verify for the key, the domain and the payload.
    case invalidSignature

    public var description: String {
        switch self {
        case .tooLarge(let byteCount, let limit):
            return "the signed envelope has \(byteCount) bytes, over the limit of \(limit)"
        case .malformed(let error):
            return "malformed signed envelope: \(error)"
        case .unsupportedKeyType(let type):
            return "signed envelopes with \(type) keys are not verified here; oln verifies Ed25519 only"
        case .invalidPublicKey(let reason):
            return "the signed envelope's public key is invalid: \(reason)"
        case .invalidSignature:
            return "the signed envelope's signature does not verify for its key, domain and payload"
        }
    }
}
