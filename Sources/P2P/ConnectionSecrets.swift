import Identity
import Sodium

/// The key material one connection needs: the node's identity, and fresh X25519 keys for
/// Noise that the caller generates, so the connection itself never draws randomness.
public struct ConnectionSecrets: Sendable {
    public let identity: IdentityKey
    public let staticKey: X25519PrivateKey
    public let ephemeralKey: X25519PrivateKey

    public init(identity: IdentityKey, staticKey: X25519PrivateKey, ephemeralKey: X25519PrivateKey) {
        self.identity = identity
        self.staticKey = staticKey
        self.ephemeralKey = ephemeralKey
    }

    /// Fresh X25519 keys from the system's secure random source (for callers at the edge).
    public static func fresh(for identity: IdentityKey) -> ConnectionSecrets {
        ConnectionSecrets(identity: identity, staticKey: X25519PrivateKey(), ephemeralKey: X25519PrivateKey())
    }
}
