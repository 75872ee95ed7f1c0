import Sodium

/// The Noise Framework's CipherState: an optional ChaCha20-Poly1305 key and a 64-bit nonce.
///
/// Without a key (early in the handshake) encryption and decryption pass bytes through.
/// The nonce counts the messages sealed or opened with the key; Noise reserves 2^64 − 1,
/// so once the nonce reaches it the state refuses to work with `NoiseError.nonceExhausted`.
struct NoiseCipherState: Sendable {
    /// The nonce value Noise reserves; it is never used to encrypt or decrypt.
    static let reservedNonce = UInt64.max

    /// The key, or nil before the handshake has mixed in a Diffie-Hellman secret.
    let key: SecretBytes?
    /// The nonce of the next message; internal so that tests can move it close to the end.
    var nonce: UInt64 = 0

    /// A state with no key: encryption passes bytes through.
    init() {
        key = nil
    }

    /// A state with `key`, which must be 32 bytes long, and nonce 0.
    init(key: SecretBytes) {
        precondition(key.count == ChaCha20Poly1305.keyByteCount, "a Noise cipher key has 32 bytes")
        self.key = key
    }

    /// How many more messages this key can seal or open.
    var remainingNonceCount: UInt64 {
        Self.reservedNonce - nonce
    }

    /// Seals `plaintext` with the next nonce, authenticating `additionalData`.
    mutating func encrypt(
        _ plaintext: some Collection<UInt8>,
        authenticating additionalData: [UInt8]
    ) throws(NoiseError) -> [UInt8] {
        guard let key else { return Array(plaintext) }
        guard nonce < Self.reservedNonce else { throw .nonceExhausted }
        let sealed: [UInt8]
        do {
            sealed = try ChaCha20Poly1305.seal(
                plaintext, key: key, nonce: ChaCha20Poly1305.nonce(counter: nonce), authenticating: additionalData
            )
        } catch {
            preconditionFailure("sealing with a 32-byte key and a 12-byte nonce cannot fail: \(error)")
        }
        nonce += 1
        return sealed
    }

    /// Opens `ciphertext` (which ends in its tag) with the next nonce, checking `additionalData`.
    ///
    /// A failed decryption leaves the nonce where it was, as the Noise Framework specifies.
    mutating func decrypt(
        _ ciphertext: some Collection<UInt8>,
        authenticating additionalData: [UInt8]
    ) throws(NoiseError) -> [UInt8] {
        guard let key else { return Array(ciphertext) }
        guard nonce < Self.reservedNonce else { throw .nonceExhausted }
        let plaintext: [UInt8]
        do {
            plaintext = try ChaCha20Poly1305.open(
                ciphertext, key: key, nonce: ChaCha20Poly1305.nonce(counter: nonce), authenticating: additionalData
            )
        } catch {
            throw .decryptionFailed
        }
        nonce += 1
        return plaintext
    }
}
