/// Builds the suffix array of a token text: ranks the distinct token values (an order-
/// preserving map onto `0..<distinct`), then sorts with ``InducedSorting``.
///
/// Comparison is by u32 token value, a suffix that ends first sorting first. The separator
/// (`UInt32.max`) is the largest value, so it ranks last.
public enum SuffixArray {
    /// Token values up to this many times the text length (plus a constant) are ranked with
    /// a direct table; larger ones by sorting the distinct values.
    static let rankTableFactor = 4
    static let rankTableSlack = 1 << 16

    /// The suffix array of `text`: the start positions of its suffixes in sorted order.
    ///
    /// `text.count` must not exceed ``SpanIndexLimits/textTokenCountMax``.
    public static func build(_ text: [UInt32]) -> [Int32] {
        precondition(text.count <= SpanIndexLimits.textTokenCountMax, "text longer than the suffix array limit")
        guard !text.isEmpty else { return [] }
        let (ranked, upper) = rank(text)
        return ranked.withUnsafeBufferPointer { InducedSorting.suffixArray(of: $0, upper: upper) }
    }

    /// Each token's rank among the distinct values of `text`, and the largest rank.
    static func rank(_ text: [UInt32]) -> ([Int32], Int) {
        var largest: UInt32 = 0
        for token in text where token != SpanIndexLimits.separator && token > largest { largest = token }
        if Int(largest) <= text.count * rankTableFactor + rankTableSlack {
            return rankByTable(text, largest: Int(largest))
        }
        return rankBySorting(text)
    }

    private static func rankByTable(_ text: [UInt32], largest: Int) -> ([Int32], Int) {
        var table = [Int32](repeating: 0, count: largest + 2)
        var hasSeparator = false
        for token in text {
            if token == SpanIndexLimits.separator { hasSeparator = true } else { table[Int(token)] = 1 }
        }
        var next: Int32 = 0
        for value in 0...largest where table[value] != 0 {
            table[value] = next
            next += 1
        }
        table[largest + 1] = next
        let ranked = text.map { token in
            token == SpanIndexLimits.separator ? next : table[Int(token)]
        }
        return (ranked, Int(next) - (hasSeparator ? 0 : 1))
    }

    private static func rankBySorting(_ text: [UInt32]) -> ([Int32], Int) {
        var distinct = text.sorted()
        var unique = 0
        for value in distinct where unique == 0 || distinct[unique - 1] != value {
            distinct[unique] = value
            unique += 1
        }
        distinct.removeSubrange(unique...)
        let ranked = text.map { token -> Int32 in
            var (low, high) = (0, distinct.count)
            while low < high {
                let middle = (low + high) / 2
                if distinct[middle] < token { low = middle + 1 } else { high = middle }
            }
            return Int32(low)
        }
        return (ranked, distinct.count - 1)
    }
}
