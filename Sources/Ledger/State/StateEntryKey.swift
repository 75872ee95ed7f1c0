/// A state key as a dictionary key: hashed as one block of bytes rather than byte by byte
/// as `[UInt8]` is, which matters for the tens of thousands of lookups a batch makes.
struct StateEntryKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func == (left: StateEntryKey, right: StateEntryKey) -> Bool {
        left.bytes == right.bytes
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// The order of `left.lexicographicallyPrecedes(right)` (negative: before, zero: equal,
    /// positive: after), comparing eight bytes at a time.
    static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        left.withUnsafeBytes { left in
            right.withUnsafeBytes { right in
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
    }
}
