import CSodium

/// Unkeyed BLAKE2b with a 32-byte digest (BLAKE2b-256), computed in one call.
public enum BLAKE2b256 {
    /// The length of a digest.
    public static let byteCount = 32

    /// Returns the 32-byte BLAKE2b-256 digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        Sodium.initialize()
        return data.withContiguousBytes { input in
            [UInt8](filling: byteCount) { digest in
                _ = crypto_generichash(digest, byteCount, input.baseAddress!, UInt64(input.count), nil, 0)
            }
        }
    }
}
