import Sodium

/// Hashes one bucket of the state from its entries, given in ascending key order.
///
/// bucket hash = BLAKE2b-256( uvarint(len key) ‖ key ‖ BLAKE2b-256(value)  for each entry )
/// and 32 zero bytes for a bucket without entries. `key` is the state key without its bucket
/// prefix. The preimage is gathered in one reused buffer and hashed once.
struct StateBucketHasher {
    /// The preimage so far.
    private var preimage: [UInt8] = []

    /// Whether no entry was added since the last reset.
    var isEmpty: Bool {
        preimage.isEmpty
    }

    /// Forgets the entries added so far.
    mutating func reset() {
        preimage.removeAll(keepingCapacity: true)
    }

    /// Adds the next entry; keys must come in ascending order.
    mutating func append(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        var length = key.count
        while length >= 0x80 {
            preimage.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        preimage.append(UInt8(length))
        preimage.append(contentsOf: key)
        preimage.append(contentsOf: BLAKE2b256.hash([UInt8](value)))
    }

    /// The bucket's hash: 32 zero bytes when no entry was added.
    func finalize() -> [UInt8] {
        isEmpty ? StateTree.emptyHash : BLAKE2b256.hash(preimage)
    }
}
