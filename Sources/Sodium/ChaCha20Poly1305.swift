import CSodium

/// ChaCha20-Poly1305 authenticated encryption, IETF variant (RFC 8439).
///
/// A sealed message is the ciphertext followed by the 16-byte tag. Never seal two messages
/// with the same key and nonce.
public enum ChaCha20Poly1305 {
    /// The length of a key.
    public static let keyByteCount = 32
    /// The length of a nonce.
    public static let nonceByteCount = 12
    /// The length of the authentication tag appended to each ciphertext.
    public static let tagByteCount = 16

    /// Encrypts and authenticates `plaintext`, and authenticates `additionalData` without encrypting it.
    ///
    /// - Returns: the ciphertext followed by the tag, 16 bytes longer than `plaintext`.
    public static func seal(
        _ plaintext: some Collection<UInt8>,
        key: SecretBytes,
        nonce: some Collection<UInt8>,
        authenticating additionalData: some Collection<UInt8> = [UInt8]()
    ) throws(CryptoError) -> [UInt8] {
        try validate(key: key, nonce: nonce)
        return plaintext.withContiguousBytes { message in
            [UInt8](filling: message.count + tagByteCount) { sealed in
                withParameters(key: key, nonce: nonce, additionalData: additionalData) { key, nonce, data in
                    _ = crypto_aead_chacha20poly1305_ietf_encrypt(
                        sealed, nil, message.baseAddress!, UInt64(message.count),
                        data.baseAddress!, UInt64(data.count), nil, nonce, key
                    )
                }
            }
        }
    }

    /// Checks and decrypts a message produced by `seal` with the same key, nonce and additional data.
    ///
    /// - Throws: `CryptoError.authenticationFailed` when the message is too short, was altered, or
    ///   the key, nonce or additional data differ from those used to seal it.
    public static func open(
        _ sealed: some Collection<UInt8>,
        key: SecretBytes,
        nonce: some Collection<UInt8>,
        authenticating additionalData: some Collection<UInt8> = [UInt8]()
    ) throws(CryptoError) -> [UInt8] {
        try validate(key: key, nonce: nonce)
        guard sealed.count >= tagByteCount else { throw .authenticationFailed }
        var status: Int32 = -1
        let plaintext = sealed.withContiguousBytes { input in
            [UInt8](filling: input.count - tagByteCount) { plaintext in
                withParameters(key: key, nonce: nonce, additionalData: additionalData) { key, nonce, data in
                    status = crypto_aead_chacha20poly1305_ietf_decrypt(
                        plaintext, nil, nil, input.baseAddress!, UInt64(input.count),
                        data.baseAddress!, UInt64(data.count), nonce, key
                    )
                }
            }
        }
        guard status == 0 else { throw .authenticationFailed }
        return plaintext
    }

    /// The nonce for message number `counter`: four zero bytes, then the counter in little-endian
    /// order, as the Noise protocol's ChaChaPoly cipher uses it.
    public static func nonce(counter: UInt64) -> [UInt8] {
        [0, 0, 0, 0] + withUnsafeBytes(of: counter.littleEndian) { Array($0) }
    }

    /// Throws when the key or nonce has the wrong length.
    private static func validate(key: SecretBytes, nonce: some Collection<UInt8>) throws(CryptoError) {
        guard key.count == keyByteCount else {
            throw .invalidKeyLength(expected: keyByteCount, actual: key.count)
        }
        guard nonce.count == nonceByteCount else {
            throw .invalidNonceLength(expected: nonceByteCount, actual: nonce.count)
        }
        Sodium.initialize()
    }

    /// Calls `body` with pointers to the key, the nonce and the additional data.
    private static func withParameters(
        key: SecretBytes,
        nonce: some Collection<UInt8>,
        additionalData: some Collection<UInt8>,
        _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        key.withUnsafeBytes { keyBytes in
            nonce.withContiguousBytes { nonceBytes in
                additionalData.withContiguousBytes { data in
                    body(keyBytes.assumingMemoryBound(to: UInt8.self).baseAddress!, nonceBytes.baseAddress!, data)
                }
            }
        }
    }
}
