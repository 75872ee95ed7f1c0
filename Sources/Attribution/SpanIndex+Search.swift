/// Suffix-array search: the ranks of the suffixes that start with a pattern, found by binary
/// search, and the longest corpus match at each start of an output.
///
/// Every read is checked against the text length, so an index whose suffix array is a
/// permutation but not sorted (possible under ``SpanIndexValidation/structure``) gives
/// wrong counts, never an out-of-bounds read.
extension SpanIndex {
    /// The ranks of the suffixes that start with `pattern` (its occurrences in the corpus).
    /// A pattern holding the separator never matches; an empty one matches every suffix.
    public func suffixRange(of pattern: [UInt32]) -> Range<Int> {
        if pattern.contains(SpanIndexLimits.separator) { return 0..<0 }
        return pattern.withUnsafeBufferPointer { suffixRange(of: $0) }
    }

    /// How many times `pattern` occurs in the corpus (0 for one holding the separator).
    public func occurrenceCount(of pattern: [UInt32]) -> Int { suffixRange(of: pattern).count }

    /// The text positions where `pattern` occurs, ascending.
    public func occurrences(of pattern: [UInt32]) -> [Int] {
        suffixRange(of: pattern).map { sections.suffix(at: $0) }.sorted()
    }

    /// The document holding text position `position`.
    public func document(containing position: Int) -> Int {
        precondition(position >= 0 && position < textTokenCount, "no text position \(position)")
        return sections.document(containing: position)
    }

    func suffixRange(of pattern: UnsafeBufferPointer<UInt32>) -> Range<Int> {
        let lower = partition(0..<textTokenCount) { compare(suffixAt: $0, with: pattern) < 0 }
        let upper = partition(lower..<textTokenCount) { compare(suffixAt: $0, with: pattern) <= 0 }
        return lower..<upper
    }

    /// Within `range`, whose suffixes share a prefix of `offset` tokens, the ranks whose next
    /// token is `token`.
    func narrow(_ range: Range<Int>, offset: Int, token: UInt32) -> Range<Int> {
        let key = { (rank: Int) -> Int64 in
            let position = self.sections.suffix(at: rank) + offset
            return position < self.textTokenCount ? Int64(self.sections.token(at: position)) : -1
        }
        let lower = partition(range) { key($0) < Int64(token) }
        let upper = partition(lower..<range.upperBound) { key($0) <= Int64(token) }
        return lower..<upper
    }

    /// The first rank in `range` for which `isBefore` is false (it must be true, then false).
    private func partition(_ range: Range<Int>, isBefore: (Int) -> Bool) -> Int {
        var (low, high) = (range.lowerBound, range.upperBound)
        while low < high {
            let middle = low + (high - low) / 2
            if isBefore(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The order of the suffix of rank `rank` against `pattern`, comparing only as many tokens
    /// as the pattern has: 0 when the suffix starts with it; a suffix that ends first is smaller.
    private func compare(suffixAt rank: Int, with pattern: UnsafeBufferPointer<UInt32>) -> Int {
        let position = sections.suffix(at: rank)
        for offset in 0..<pattern.count {
            guard position + offset < textTokenCount else { return -1 }
            let token = sections.token(at: position + offset)
            if token != pattern[offset] { return token < pattern[offset] ? -1 : 1 }
        }
        return 0
    }

    /// For each start in `output`, the longest prefix of `output[start...]` that occurs in
    /// the corpus and the ranks of its occurrences.
    ///
    /// The match at start i + 1 is at least the one at i less its first token, so each search
    /// begins from that known prefix (one binary search) and then extends one token at a
    /// time by narrowing the rank range.
    func longestMatches(in output: [UInt32]) -> [CorpusMatch] {
        var matches: [CorpusMatch] = []
        matches.reserveCapacity(output.count)
        output.withUnsafeBufferPointer { output in
            var previousLength = 0
            for start in output.indices {
                var length = max(previousLength - 1, 0)
                var range = 0..<textTokenCount
                if length > 0 {
                    range = suffixRange(of: UnsafeBufferPointer(rebasing: output[start..<(start + length)]))
                    if range.isEmpty { (length, range) = (0, 0..<textTokenCount) }
                }
                while start + length < output.count, output[start + length] != SpanIndexLimits.separator {
                    let narrowed = narrow(range, offset: length, token: output[start + length])
                    if narrowed.isEmpty { break }
                    (range, length) = (narrowed, length + 1)
                }
                matches.append(CorpusMatch(start: start, length: length, ranks: length > 0 ? range : 0..<0))
                previousLength = length
            }
        }
        return matches
    }
}
