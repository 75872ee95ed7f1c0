import Sodium

/// Builds and hashes the preimage of one bucket of the state from its entries, given in
/// ascending key order.
///
/// bucket hash = BLAKE2b-256( uvarint(len key) ‖ key ‖ BLAKE2b-256(value)  for each entry )
/// and 32 zero bytes for a bucket without entries. `key` is the state key without its bucket
/// prefix. The preimage is gathered in one buffer and hashed once; it is also what
/// `StateBucketCache` keeps, so that a bucket can be updated from its previous preimage and
/// the changed entries alone (`merging(_:with:)`).
struct StateBucketHasher {
    /// The bytes of an entry's value hash.
    static let valueHashByteCount = BLAKE2b256.byteCount

    /// The preimage so far.
    private(set) var preimage: [UInt8] = []

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
        Self.appendEntry(key: key, value: value, to: &preimage)
    }

    /// The bucket's hash: 32 zero bytes when no entry was added.
    func finalize() -> [UInt8] {
        isEmpty ? StateTree.emptyHash : BLAKE2b256.hash(preimage)
    }

    /// Appends the entry `uvarint(len key) ‖ key ‖ BLAKE2b-256(value)` to `preimage`.
    static func appendEntry(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, to preimage: inout [UInt8]) {
        var length = key.count
        while length >= 0x80 {
            preimage.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        preimage.append(UInt8(length))
        preimage.append(contentsOf: key)
        let hashStart = preimage.count
        preimage.append(contentsOf: repeatElement(0, count: valueHashByteCount))
        preimage.withUnsafeMutableBytes { bytes in
            BLAKE2b256.hash(value, into: UnsafeMutableRawBufferPointer(rebasing: bytes[hashStart...]))
        }
    }

    /// Writes the hash of the bucket whose preimage is `preimage` to `digest` (32 bytes):
    /// 32 zero bytes for an empty preimage.
    static func hash(preimage: [UInt8], into digest: UnsafeMutableRawBufferPointer) {
        if preimage.isEmpty {
            digest.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: BLAKE2b256.byteCount)
        } else {
            preimage.withUnsafeBytes { BLAKE2b256.hash($0, into: digest) }
        }
    }

    /// The preimage of a bucket after `writes` (sorted by stored key, all in this bucket) are
    /// applied to the bucket whose preimage was `previous`: entries of unchanged keys are
    /// copied, changed and new ones hashed afresh, deleted ones left out.
    ///
    /// Returns nil if `previous` is not a well-formed preimage (so it cannot be trusted).
    static func merging(_ previous: [UInt8], with writes: ArraySlice<StateWrite>) -> [UInt8]? {
        var merged: [UInt8] = []
        merged.reserveCapacity(previous.count + writes.count * (2 + 2 * valueHashByteCount))
        // The writes are read in place (not copied out, which retains and releases each
        // of their arrays): this runs for every write of every batch.
        let complete = previous.withUnsafeBytes { old -> Bool in
            writes.withUnsafeBufferPointer { writes -> Bool in
                var position = 0
                for index in writes.indices {
                    let copied = writes[index].key.withUnsafeBytes { key in
                        copyEntries(of: old, from: &position, before: key, to: &merged)
                    }
                    guard copied else { return false }
                    guard writes[index].value != nil else { continue }
                    writes[index].key.withUnsafeBytes { key in
                        writes[index].value.unsafelyUnwrapped.withUnsafeBytes { valueBytes in
                            appendEntry(key: key, value: valueBytes, to: &merged)
                        }
                    }
                }
                guard position <= old.count else { return false }
                merged.append(contentsOf: UnsafeRawBufferPointer(rebasing: old[position...]))
                return true
            }
        }
        return complete ? merged : nil
    }

    /// Copies the entries of `old` from `position` on whose keys sort before `key` to `merged`,
    /// skips an entry whose key is `key`, and leaves `position` at the first entry after.
    /// Returns false if an entry is cut short.
    private static func copyEntries(of old: UnsafeRawBufferPointer, from position: inout Int,
                                    before key: UnsafeRawBufferPointer, to merged: inout [UInt8]) -> Bool {
        while position < old.count {
            guard let (keyStart, keyLength) = entryKey(in: old, at: position) else { return false }
            let end = keyStart + keyLength + valueHashByteCount
            guard end <= old.count else { return false }
            let order = compare(UnsafeRawBufferPointer(rebasing: old[keyStart..<keyStart + keyLength]), key)
            if order > 0 { return true }
            if order < 0 { merged.append(contentsOf: UnsafeRawBufferPointer(rebasing: old[position..<end])) }
            position = end
            if order == 0 { return true }
        }
        return true
    }

    /// Whether the bucket whose preimage is `preimage` has an entry for `key` (without its
    /// bucket prefix); nil if the preimage is not well formed.
    static func contains(_ key: UnsafeRawBufferPointer, in preimage: [UInt8]) -> Bool? {
        preimage.withUnsafeBytes { bytes -> Bool? in
            var position = 0
            while position < bytes.count {
                guard let (keyStart, keyLength) = entryKey(in: bytes, at: position),
                      keyStart + keyLength + valueHashByteCount <= bytes.count else { return nil }
                let order = compare(UnsafeRawBufferPointer(rebasing: bytes[keyStart..<keyStart + keyLength]), key)
                if order >= 0 { return order == 0 }
                position = keyStart + keyLength + valueHashByteCount
            }
            return false
        }
    }

    /// The start and length of the key of the entry at `position`, or nil when its length
    /// prefix is malformed.
    private static func entryKey(in bytes: UnsafeRawBufferPointer, at position: Int) -> (start: Int, length: Int)? {
        var length = 0
        var shift = 0
        var index = position
        while index < bytes.count, shift <= 14 {
            let byte = bytes[index]
            length |= Int(byte & 0x7f) << shift
            index += 1
            if byte < 0x80 { return (index, length) }
            shift += 7
        }
        return nil
    }

    /// memcmp order, a proper prefix first: the order of SQLite's BLOB comparison.
    static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let common = min(left.count, right.count)
        var index = 0
        while index + 8 <= common {
            let leftWord = UInt64(bigEndian: left.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let rightWord = UInt64(bigEndian: right.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if leftWord != rightWord { return leftWord < rightWord ? -1 : 1 }
            index += 8
        }
        while index < common {
            if left[index] != right[index] { return left[index] < right[index] ? -1 : 1 }
            index += 1
        }
        return left.count - right.count
    }
}
