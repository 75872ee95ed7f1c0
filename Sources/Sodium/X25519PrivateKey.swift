import CSodium

/// An X25519 private key (RFC 7748): a Curve25519 scalar used for Diffie-Hellman.
public struct X25519PrivateKey: Sendable {
    /// The length of a private key.
    public static let byteCount = 32
    /// The length of a shared secret.
    public static let sharedSecretByteCount = 32

    /// The 32-byte scalar, as given; libsodium clamps it when it is used.
    private let scalar: SecretBytes

    /// The public key that matches this private key.
    public let publicKey: X25519PublicKey

    /// Creates a new random private key.
    public init() {
        self.init(scalar: SecretBytes(randomCount: Self.byteCount))
    }

    /// Creates a private key from its 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidKeyLength(expected: Self.byteCount, actual: bytes.count)
        }
        self.init(scalar: SecretBytes(copying: bytes))
    }

    /// Derives the public key from a scalar known to be 32 bytes long.
    private init(scalar: SecretBytes) {
        let publicBytes = scalar.withUnsafeBytes { scalarBytes in
            [UInt8](filling: X25519PublicKey.byteCount) { publicKey in
                _ = crypto_scalarmult_base(publicKey, scalarBytes.assumingMemoryBound(to: UInt8.self).baseAddress!)
            }
        }
        self.scalar = scalar
        self.publicKey = X25519PublicKey(validBytes: publicBytes)
    }

    /// Computes the Diffie-Hellman secret shared with the owner of `peer`.
    ///
    /// - Throws: `CryptoError.weakPublicKey` when the result is all zero, which happens when the
    ///   peer's key has small order and would let the peer force a known secret.
    public func sharedSecret(with peer: X25519PublicKey) throws(CryptoError) -> SecretBytes {
        Sodium.initialize()
        return try SecretBytes(count: Self.sharedSecretByteCount) { (secret) throws(CryptoError) in
            let status = scalar.withUnsafeBytes { scalarBytes in
                crypto_scalarmult(
                    secret.assumingMemoryBound(to: UInt8.self).baseAddress!,
                    scalarBytes.assumingMemoryBound(to: UInt8.self).baseAddress!, peer.bytes
                )
            }
            guard status == 0 else { throw .weakPublicKey }
        }
    }

    /// Calls `body` with read access to the 32 private bytes; the pointer must not escape `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try scalar.withUnsafeBytes(body)
    }
}
