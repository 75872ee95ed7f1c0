/// Unkeyed BLAKE2b-256, computed incrementally over data that arrives in pieces.
///
/// Copying a hasher copies its state (copy-on-write), so a common prefix can be hashed once and
/// then extended in several ways.
public struct BLAKE2b256Hasher: Sendable {
    /// The running state, shared between copies until one of them changes it.
    private var state = BLAKE2bState(outputByteCount: BLAKE2b256.byteCount)

    /// Creates a hasher that has seen no data yet.
    public init() {}

    /// Feeds the next piece of data into the hash.
    public mutating func update(_ data: some Collection<UInt8>) {
        makeStateUnique()
        data.withContiguousBytes { input in
            state.update(input)
        }
    }

    /// Returns the 32-byte digest of all the data fed in, using up the hasher.
    public consuming func finalize() -> [UInt8] {
        makeStateUnique()
        return state.finalize(outputByteCount: BLAKE2b256.byteCount)
    }

    /// Gives this hasher its own copy of the state if another copy shares it.
    private mutating func makeStateUnique() {
        if !isKnownUniquelyReferenced(&state) {
            state = state.copy()
        }
    }
}
