import CSodium

/// SHA-256 (FIPS 180-4), computed incrementally over data that arrives in pieces.
///
/// Copying a hasher copies its state, so a common prefix can be hashed once and then extended
/// in several ways.
public struct SHA256Hasher: Sendable {
    /// libsodium's running state.
    private var state = crypto_hash_sha256_state()

    /// Creates a hasher that has seen no data yet.
    public init() {
        Sodium.initialize()
        _ = crypto_hash_sha256_init(&state)
    }

    /// Feeds the next piece of data into the hash.
    public mutating func update(_ data: some Collection<UInt8>) {
        data.withContiguousBytes { input in
            _ = crypto_hash_sha256_update(&state, input.baseAddress!, UInt64(input.count))
        }
    }

    /// Returns the 32-byte digest of all the data fed in, using up the hasher.
    public consuming func finalize() -> [UInt8] {
        [UInt8](filling: SHA256.byteCount) { digest in
            _ = crypto_hash_sha256_final(&state, digest)
        }
    }
}
