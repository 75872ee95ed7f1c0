import CSodium

/// HMAC-SHA-256 (RFC 2104, FIPS 198-1) message authentication codes.
public enum HMACSHA256 {
    /// The length of an authentication code.
    public static let byteCount = 32

    /// Returns the 32-byte HMAC-SHA-256 of `message` under `key`.
    ///
    /// Keys of any length are accepted; keys longer than the 64-byte block are hashed first,
    /// as RFC 2104 prescribes.
    public static func authenticationCode(for message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        Sodium.initialize()
        var state = crypto_auth_hmacsha256_state()
        defer { sodium_memzero(&state, MemoryLayout.size(ofValue: state)) }
        key.withContiguousBytes { keyBytes in
            _ = crypto_auth_hmacsha256_init(&state, keyBytes.baseAddress!, keyBytes.count)
        }
        message.withContiguousBytes { messageBytes in
            _ = crypto_auth_hmacsha256_update(&state, messageBytes.baseAddress!, UInt64(messageBytes.count))
        }
        return [UInt8](filling: byteCount) { code in
            _ = crypto_auth_hmacsha256_final(&state, code)
        }
    }
}
