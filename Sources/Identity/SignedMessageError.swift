import Wire

/// Why a signed message was refused.
public enum SignedMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedEnvelope(WireError)
    case malformedBody(WireError)
    case invalidSigner(String)
    case invalidSignature

    public var description: String {
        switch self {
        case .malformedEnvelope(let error): return "malformed signed envelope: \(error)"
        case .malformedBody(let error): return "malformed message body: \(error)"
        case .invalidSigner(let reason): return "invalid signer key: \(reason)"
        case .invalidSignature: return "the signature does not verify for this signer, domain and chain id"
        }
    }
}
