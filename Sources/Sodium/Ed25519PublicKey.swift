import CSodium

/// An Ed25519 public key (RFC 8032), used to verify signatures.
public struct Ed25519PublicKey: Hashable, Sendable {
    /// The length of an encoded public key.
    public static let byteCount = 32
    /// The length of a detached signature.
    public static let signatureByteCount = 64

    /// The 32-byte encoding of the key.
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

    /// Whether `signature` is a valid detached signature of `message` by this key.
    ///
    /// Returns false, never traps, for signatures of the wrong length or any other bad input.
    public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        Sodium.initialize()
        guard signature.count == Self.signatureByteCount else { return false }
        return signature.withContiguousBytes { signatureBytes in
            message.withContiguousBytes { messageBytes in
                crypto_sign_verify_detached(
                    signatureBytes.baseAddress!, messageBytes.baseAddress!, UInt64(messageBytes.count), bytes
                ) == 0
            }
        }
    }
}
