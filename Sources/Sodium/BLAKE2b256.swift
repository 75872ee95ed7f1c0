import CSodium

/// Unkeyed BLAKE2b with a 32-byte digest (BLAKE2b-256), computed in one call.
public enum BLAKE2b256 {
    /// The length of a digest.
    public static let byteCount = 32

    /// Returns the 32-byte BLAKE2b-256 digest of `bytes`.
    ///
    /// The array overload skips the generic collection path, whose per-call type lookups
    /// cost about half again as much as the hash of a short input (state roots hash
    /// hundreds of thousands of short values per batch).
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        Sodium.initialize()
        return bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: byteCount) { digest, initialized in
                _ = crypto_generichash(digest.baseAddress!, byteCount, input.baseAddress, UInt64(input.count), nil, 0)
                initialized = byteCount
            }
        }
    }

    /// Returns the 32-byte BLAKE2b-256 digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        Sodium.initialize()
        return data.withContiguousBytes { input in
            [UInt8](filling: byteCount) { digest in
                _ = crypto_generichash(digest, byteCount, input.baseAddress!, UInt64(input.count), nil, 0)
            }
        }
    }

    /// Writes the 32-byte BLAKE2b-256 digest of `input` to `digest`, allocating nothing: for
    /// loops that hash many short inputs into buffers they own (bucket and tree hashes).
    ///
    /// `digest` must hold at least 32 bytes; it may not overlap `input`.
    public static func hash(_ input: UnsafeRawBufferPointer, into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= byteCount, "a BLAKE2b-256 digest needs 32 bytes")
        Sodium.initialize()
        _ = crypto_generichash(digest.baseAddress!.assumingMemoryBound(to: UInt8.self), byteCount,
                               input.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(input.count), nil, 0)
    }
}
