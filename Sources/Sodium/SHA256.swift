import CSodium

/// SHA-256 (FIPS 180-4), computed in one call.
public enum SHA256 {
    /// The length of a digest.
    public static let byteCount = 32

    /// Returns the 32-byte digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        Sodium.initialize()
        return data.withContiguousBytes { input in
            [UInt8](filling: byteCount) { digest in
                _ = crypto_hash_sha256(digest, input.baseAddress!, UInt64(input.count))
            }
        }
    }
}
