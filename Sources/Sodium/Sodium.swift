// The Sodium module owns all of the node's cryptography.
//
// It is the only module that imports CSodium (libsodium), and it may import nothing but
// CSodium and Foundation/Glibc. Everything else in the node reaches cryptography through the
// small, typed Swift surface defined here:
//
// - signatures: `Ed25519PrivateKey`, `Ed25519PublicKey`
// - key agreement: `X25519PrivateKey`, `X25519PublicKey`
// - authenticated encryption: `ChaCha20Poly1305` (IETF variant)
// - hashing: `SHA256`, `SHA256Hasher`, `BLAKE2b256`, `BLAKE2b256Hasher`, `BLAKE2b`
// - message authentication and key derivation: `HMACSHA256`, `HKDFSHA256`
// - randomness and comparison: `SecureRandom`, `ConstantTime`
// - secret storage: `SecretBytes`, guarded memory that is wiped when released
//
// Conventions: a programmer error (a negative count, say) traps through a precondition; bad
// input that comes from outside (a key of the wrong length, a forged ciphertext) is reported
// as a typed `CryptoError` or a `false`, and never traps. Every entry point initializes
// libsodium on first use, so callers never have to.

import CSodium

/// The libsodium library itself.
public enum Sodium {
    /// The result of `sodium_init`, computed exactly once, thread-safely, on first access.
    private static let initializationResult: Int32 = sodium_init()

    /// Initializes libsodium if it has not been initialized yet.
    ///
    /// Every entry point of this module calls this itself; calling it again costs almost nothing.
    public static func initialize() {
        precondition(initializationResult >= 0, "libsodium could not be initialized")
    }
}
