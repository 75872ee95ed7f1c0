import CSodium

/// BLAKE2b (RFC 7693) with any digest length from 1 to 64 bytes and an optional key.
public enum BLAKE2b {
    /// The digest lengths BLAKE2b supports.
    public static let outputByteCounts = 1...64
    /// The longest key BLAKE2b accepts.
    public static let maximumKeyByteCount = 64

    /// Returns the `outputByteCount`-byte BLAKE2b digest of `data`, keyed with `key` when it is not empty.
    ///
    /// - Throws: `CryptoError.invalidOutputLength` for a length outside 1...64, and
    ///   `CryptoError.keyTooLong` for a key longer than 64 bytes.
    public static func hash(
        _ data: some Collection<UInt8>,
        outputByteCount: Int,
        key: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        guard outputByteCounts.contains(outputByteCount) else {
            throw .invalidOutputLength(requested: outputByteCount, allowed: outputByteCounts)
        }
        guard key.count <= maximumKeyByteCount else {
            throw .keyTooLong(maximum: maximumKeyByteCount, actual: key.count)
        }
        Sodium.initialize()
        return data.withContiguousBytes { input in
            key.withContiguousBytes { keyBytes in
                [UInt8](filling: outputByteCount) { digest in
                    _ = crypto_generichash(
                        digest, outputByteCount, input.baseAddress!, UInt64(input.count),
                        key.isEmpty ? nil : keyBytes.baseAddress!, keyBytes.count
                    )
                }
            }
        }
    }
}
