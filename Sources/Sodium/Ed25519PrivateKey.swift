import CSodium

/// An Ed25519 private key (RFC 8032), used to sign messages.
///
/// The key is kept as libsodium's 64-byte secret key (the seed followed by the public key)
/// in guarded `SecretBytes`.
public struct Ed25519PrivateKey: Sendable {
    /// The length of a seed, the 32 bytes from which the whole key pair is derived.
    public static let seedByteCount = 32

    /// libsodium's 64-byte secret key: the seed followed by the public key.
    private let secretKey: SecretBytes

    /// The public key that verifies this key's signatures.
    public let publicKey: Ed25519PublicKey

    /// Creates a new random private key.
    public init() {
        self.init(seedBytes: SecretBytes(randomCount: Self.seedByteCount))
    }

    /// Creates the private key derived from a 32-byte seed, as RFC 8032 does.
    public init(seed: some Collection<UInt8>) throws(CryptoError) {
        guard seed.count == Self.seedByteCount else {
            throw .invalidSeedLength(expected: Self.seedByteCount, actual: seed.count)
        }
        self.init(seedBytes: SecretBytes(copying: seed))
    }

    /// Derives the key pair from a seed known to be 32 bytes long.
    private init(seedBytes: SecretBytes) {
        var publicBytes = [UInt8](repeating: 0, count: Ed25519PublicKey.byteCount)
        secretKey = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES)) { secret in
            seedBytes.withUnsafeBytes { seed in
                _ = crypto_sign_seed_keypair(
                    &publicBytes, secret.assumingMemoryBound(to: UInt8.self).baseAddress!,
                    seed.assumingMemoryBound(to: UInt8.self).baseAddress!
                )
            }
        }
        publicKey = Ed25519PublicKey(validBytes: publicBytes)
    }

    /// The 32-byte seed from which this key was derived, for storing the key.
    public var seed: SecretBytes {
        SecretBytes(count: Self.seedByteCount) { seed in
            secretKey.withUnsafeBytes { secret in
                seed.copyMemory(from: UnsafeRawBufferPointer(rebasing: secret.prefix(Self.seedByteCount)))
            }
        }
    }

    /// Returns the 64-byte detached signature of `message`.
    public func signature(for message: some Collection<UInt8>) -> [UInt8] {
        Sodium.initialize()
        return message.withContiguousBytes { messageBytes in
            secretKey.withUnsafeBytes { secret in
                [UInt8](filling: Ed25519PublicKey.signatureByteCount) { signature in
                    _ = crypto_sign_detached(
                        signature, nil, messageBytes.baseAddress!, UInt64(messageBytes.count),
                        secret.assumingMemoryBound(to: UInt8.self).baseAddress!
                    )
                }
            }
        }
    }
}
