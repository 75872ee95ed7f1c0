import Sodium

/// The Noise Framework's SymmetricState: the chaining key, the handshake hash and the
/// cipher that the handshake's Diffie-Hellman results key.
///
/// HKDF is HKDF-SHA256 (RFC 5869) with the chaining key as salt and empty info; its first
/// 64 output bytes are Noise's two 32-byte outputs.
struct NoiseSymmetricState: Sendable {
    /// The length of the hash, the chaining key and each HKDF output.
    static let hashByteCount = SHA256.byteCount

    /// The chaining key `ck`, secret: every handshake key derives from it.
    private var chainingKey: SecretBytes
    /// The handshake hash `h`, which every message is bound to.
    private(set) var handshakeHash: [UInt8]
    /// The cipher keyed by the latest `mixKey`.
    private var cipher = NoiseCipherState()

    /// `InitializeSymmetric`: `h` is the protocol name (padded or hashed to 32 bytes), `ck = h`.
    init(protocolName: [UInt8]) {
        if protocolName.count <= Self.hashByteCount {
            handshakeHash = protocolName + [UInt8](repeating: 0, count: Self.hashByteCount - protocolName.count)
        } else {
            handshakeHash = SHA256.hash(protocolName)
        }
        chainingKey = SecretBytes(copying: handshakeHash)
    }

    /// `MixKey`: derives a new chaining key and cipher key from `inputKeyMaterial`.
    mutating func mixKey(_ inputKeyMaterial: SecretBytes) {
        let outputs = inputKeyMaterial.withUnsafeBytes { material in
            deriveOutputs(inputKeyMaterial: material.assumingMemoryBound(to: UInt8.self))
        }
        chainingKey = outputs.first
        cipher = NoiseCipherState(key: outputs.second)
    }

    /// `MixHash`: `h = SHA-256(h ‖ data)`.
    mutating func mixHash(_ data: some Collection<UInt8>) {
        handshakeHash = SHA256.hash(handshakeHash + data)
    }

    /// `EncryptAndHash`: encrypts with `h` as additional data (or passes through before any
    /// key), then mixes the result into `h`.
    mutating func encryptAndHash(_ plaintext: some Collection<UInt8>) throws(NoiseError) -> [UInt8] {
        let ciphertext = try cipher.encrypt(plaintext, authenticating: handshakeHash)
        mixHash(ciphertext)
        return ciphertext
    }

    /// `DecryptAndHash`: decrypts with `h` as additional data, then mixes the ciphertext into `h`.
    mutating func decryptAndHash(_ ciphertext: some Collection<UInt8>) throws(NoiseError) -> [UInt8] {
        let plaintext = try cipher.decrypt(ciphertext, authenticating: handshakeHash)
        mixHash(ciphertext)
        return plaintext
    }

    /// `Split`: the two transport ciphers, the initiator's sending cipher first.
    func split() -> (initiatorToResponder: NoiseCipherState, responderToInitiator: NoiseCipherState) {
        let outputs = deriveOutputs(inputKeyMaterial: UnsafeBufferPointer<UInt8>(start: nil, count: 0))
        return (NoiseCipherState(key: outputs.first), NoiseCipherState(key: outputs.second))
    }

    /// Noise's `HKDF(ck, inputKeyMaterial, 2)`: two 32-byte outputs.
    private func deriveOutputs(
        inputKeyMaterial: UnsafeBufferPointer<UInt8>
    ) -> (first: SecretBytes, second: SecretBytes) {
        let output = chainingKey.withUnsafeBytes { chainingBytes in
            do {
                return try HKDFSHA256.deriveKey(
                    inputKeyMaterial: inputKeyMaterial,
                    salt: chainingBytes.assumingMemoryBound(to: UInt8.self),
                    info: [UInt8](),
                    outputByteCount: 2 * Self.hashByteCount
                )
            } catch {
                preconditionFailure("64 bytes of HKDF output are always available: \(error)")
            }
        }
        return (
            SecretBytes(copying: output.prefix(Self.hashByteCount)),
            SecretBytes(copying: output.suffix(Self.hashByteCount))
        )
    }
}
