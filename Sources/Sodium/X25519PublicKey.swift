/// An X25519 public key (RFC 7748): a Curve25519 u-coordinate used for Diffie-Hellman.
public struct X25519PublicKey: Hashable, Sendable {
    /// The length of an encoded public key.
    public static let byteCount = 32

    /// The 32-byte little-endian u-coordinate.
    public let bytes: [UInt8]

    /// Creates a public key from its 32-byte encoding.
    public init(bytes: some Collection<UInt8>) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidPublicKeyLength(expected: Self.byteCount, actual: bytes.count)
        }
        self.bytes = Array(bytes)
    }

    /// Creates a public key from bytes already known to be 32 long.
    init(validBytes: [UInt8]) {
        precondition(validBytes.count == Self.byteCount)
        self.bytes = validBytes
    }
}
