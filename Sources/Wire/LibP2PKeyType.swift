/// The key algorithms of the libp2p `KeyType` protobuf enum.
public enum LibP2PKeyType: UInt64, Sendable, CaseIterable, CustomStringConvertible {
    /// RSA; `Data` is a DER-encoded PKIX public key or PKCS#1 private key.
    case rsa = 0
    /// Ed25519; `Data` is the 32-byte public key, or the 64-byte private key ‖ public key.
    case ed25519 = 1
    /// Secp256k1; `Data` is the compressed public key or the 32-byte private scalar.
    case secp256k1 = 2
    /// ECDSA; `Data` is a DER-encoded PKIX public key or SEC1 private key.
    case ecdsa = 3

    /// The name used in the libp2p specification.
    public var description: String {
        switch self {
        case .rsa: "RSA"
        case .ed25519: "Ed25519"
        case .secp256k1: "Secp256k1"
        case .ecdsa: "ECDSA"
        }
    }
}
