import CSodium

/// libsodium's running BLAKE2b state, in heap memory aligned to the 64 bytes libsodium expects.
///
/// Swift cannot import the over-aligned C struct, so the state lives behind a raw pointer.
/// Instances are mutated only by a hasher that holds the sole reference, which makes
/// sharing them between threads safe.
final class BLAKE2bState: @unchecked Sendable {
    /// The aligned, opaque state.
    private let address: UnsafeMutableRawPointer
    /// The number of state bytes at `address`.
    private let byteCount = crypto_generichash_statebytes()

    /// Creates a state for an unkeyed digest of `outputByteCount` bytes.
    init(outputByteCount: Int) {
        Sodium.initialize()
        address = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        _ = crypto_generichash_init(OpaquePointer(address), nil, 0, outputByteCount)
    }

    /// Creates an independent copy of `other`.
    private init(copying other: BLAKE2bState) {
        address = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        address.copyMemory(from: other.address, byteCount: byteCount)
    }

    deinit {
        sodium_memzero(address, byteCount)
        address.deallocate()
    }

    /// Returns an independent copy of this state.
    func copy() -> BLAKE2bState {
        BLAKE2bState(copying: self)
    }

    /// Feeds the next piece of data into the hash.
    func update(_ input: UnsafeBufferPointer<UInt8>) {
        _ = crypto_generichash_update(OpaquePointer(address), input.baseAddress!, UInt64(input.count))
    }

    /// Writes the digest of `outputByteCount` bytes, which must match the count given at creation.
    func finalize(outputByteCount: Int) -> [UInt8] {
        [UInt8](filling: outputByteCount) { digest in
            _ = crypto_generichash_final(OpaquePointer(address), digest, outputByteCount)
        }
    }
}
