/// Suffix sorting by induced sorting (SA-IS: Nong, Zhang and Chan, 2009), in the compact form
/// of the AtCoder Library's `sa_is`: linear time, over an integer alphabet `0...upper`, with
/// an implicit end-of-text smaller than every symbol (a suffix that is a proper prefix of
/// another sorts first).
///
/// The suffix array of a text is unique, so any correct construction gives the same bytes;
/// `SuffixArrayTests` checks this one against a naive sort.
enum InducedSorting {
    /// Texts shorter than this are sorted by comparing suffixes directly.
    static let naiveThreshold = 16

    /// The suffix array of `text`, whose symbols lie in `0...upper`.
    static func suffixArray(of text: UnsafeBufferPointer<Int32>, upper: Int) -> [Int32] {
        let count = text.count
        if count < naiveThreshold { return naiveSuffixArray(of: text) }
        return [Int32](unsafeUninitializedCapacity: count) { suffixes, initialized in
            suffixes.initialize(repeating: -1)
            sort(text, upper: upper, into: suffixes)
            initialized = count
        }
    }

    /// Sorts positions by comparing their suffixes symbol by symbol.
    static func naiveSuffixArray(of text: UnsafeBufferPointer<Int32>) -> [Int32] {
        var positions = (0..<text.count).map { Int32($0) }
        positions.sort { left, right in
            var (a, b) = (Int(left), Int(right))
            while a < text.count && b < text.count {
                if text[a] != text[b] { return text[a] < text[b] }
                a += 1
                b += 1
            }
            return a == text.count
        }
        return positions
    }

    /// The main step: classify, sort the LMS substrings, name them, recurse, induce.
    private static func sort(_ text: UnsafeBufferPointer<Int32>, upper: Int, into suffixes: UnsafeMutableBufferPointer<Int32>) {
        let count = text.count
        let sorter = InducedSortingBuffers(text: text, upper: upper)
        defer { sorter.deallocate() }
        let lmsMap = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count + 1)
        defer { lmsMap.deallocate() }
        lmsMap.initialize(repeating: -1)
        var lmsPositions: [Int32] = []
        for position in 1..<count where !sorter.isSType[position - 1] && sorter.isSType[position] {
            lmsMap[position] = Int32(lmsPositions.count)
            lmsPositions.append(Int32(position))
        }
        sorter.induce(from: lmsPositions, into: suffixes)
        guard !lmsPositions.isEmpty else { return }
        var sortedLMS: [Int32] = []
        sortedLMS.reserveCapacity(lmsPositions.count)
        for rank in 0..<count where lmsMap[Int(suffixes[rank])] != -1 {
            sortedLMS.append(suffixes[rank])
        }
        let (reduced, reducedUpper) = nameSubstrings(text, sortedLMS: sortedLMS, lmsPositions: lmsPositions, lmsMap: lmsMap)
        let reducedSuffixes = reduced.withUnsafeBufferPointer { suffixArray(of: $0, upper: reducedUpper) }
        for rank in 0..<lmsPositions.count {
            sortedLMS[rank] = lmsPositions[Int(reducedSuffixes[rank])]
        }
        sorter.induce(from: sortedLMS, into: suffixes)
    }

    /// Gives each LMS substring a name (its rank among the distinct ones), in text order.
    private static func nameSubstrings(
        _ text: UnsafeBufferPointer<Int32>, sortedLMS: [Int32], lmsPositions: [Int32],
        lmsMap: UnsafeMutableBufferPointer<Int32>
    ) -> ([Int32], Int) {
        let count = text.count
        let lmsCount = lmsPositions.count
        var reduced = [Int32](repeating: 0, count: lmsCount)
        var name: Int32 = 0
        func end(of position: Int) -> Int {
            let next = Int(lmsMap[position]) + 1
            return next < lmsCount ? Int(lmsPositions[next]) : count
        }
        for rank in 1..<lmsCount {
            var left = Int(sortedLMS[rank - 1])
            var right = Int(sortedLMS[rank])
            let (leftEnd, rightEnd) = (end(of: left), end(of: right))
            var same = leftEnd - left == rightEnd - right
            if same {
                while left < leftEnd && text[left] == text[right] {
                    left += 1
                    right += 1
                }
                if left == count || right == count || text[left] != text[right] { same = false }
            }
            if !same { name += 1 }
            reduced[Int(lmsMap[Int(sortedLMS[rank])])] = name
        }
        return (reduced, Int(name))
    }
}
