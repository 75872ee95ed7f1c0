import Sodium

/// The state's root computed straight from its definition, independently of `StateStore`:
/// bucket = first two bytes of BLAKE2b-256(key); bucket hash = BLAKE2b-256 over
/// uvarint(len key) ‖ key ‖ BLAKE2b-256(value) in key order; inner node =
/// BLAKE2b-256(0x01 ‖ left ‖ right), or zeros over two zero children.
enum StateModel {
    static let zero = [UInt8](repeating: 0, count: 32)

    static func bucket(_ key: [UInt8]) -> Int {
        let digest = BLAKE2b256.hash(key)
        return Int(digest[0]) * 256 + Int(digest[1])
    }

    static func uvarint(_ value: Int) -> [UInt8] {
        var rest = value
        var bytes: [UInt8] = []
        while rest >= 128 {
            bytes.append(UInt8(rest % 128) + 128)
            rest /= 128
        }
        return bytes + [UInt8(rest)]
    }

    static func bucketHash(_ entries: [(key: [UInt8], value: [UInt8])]) -> [UInt8] {
        guard !entries.isEmpty else { return zero }
        let sorted = entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        return BLAKE2b256.hash(sorted.flatMap { uvarint($0.key.count) + $0.key + BLAKE2b256.hash($0.value) })
    }

    static func bucketHashes(_ state: [[UInt8]: [UInt8]]) -> [Int: [UInt8]] {
        Dictionary(grouping: state.map { (key: $0.key, value: $0.value) }, by: { bucket($0.key) })
            .mapValues { bucketHash($0) }
    }

    static func root(_ state: [[UInt8]: [UInt8]]) -> [UInt8] {
        let hashes = bucketHashes(state)
        return node(buckets: 0..<65_536, hashes: hashes, present: hashes.keys.sorted()[...])
    }

    /// The node over `buckets`, given the sorted non-empty buckets that fall in it.
    private static func node(buckets: Range<Int>, hashes: [Int: [UInt8]], present: ArraySlice<Int>) -> [UInt8] {
        if present.isEmpty { return zero }
        if buckets.count == 1 { return hashes[buckets.lowerBound]! }
        let middle = buckets.lowerBound + buckets.count / 2
        let split = present.firstIndex { $0 >= middle } ?? present.endIndex
        let left = node(buckets: buckets.lowerBound..<middle, hashes: hashes, present: present[..<split])
        let right = node(buckets: middle..<buckets.upperBound, hashes: hashes, present: present[split...])
        if left == zero && right == zero { return zero }
        return BLAKE2b256.hash([1] + left + right)
    }
}
