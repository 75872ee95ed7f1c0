/// The order of state keys: bytewise, a proper prefix first, as SQLite compares blobs.
enum StateKeyOrder {
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
