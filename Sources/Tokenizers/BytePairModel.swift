/// Byte-pair encoding of one pre-tokenized piece into token ids.
///
/// Two ways to choose the next merge, as the two reference implementations do:
///   - by rank (`tokenizers` BPE, and llama.cpp's "gpt2" model): the adjacent pair with the
///     lowest-ranked merge rule, leftmost first; unknown scalars become `<0xNN>` byte tokens
///     (byte fallback) or the unknown token before merging starts;
///   - by score (llama.cpp's "llama" SentencePiece model): the adjacent pair whose
///     concatenation is a token with the highest score, leftmost first; what is left that is
///     not a token at the end becomes `<0xNN>` byte tokens. Only normal tokens are merge
///     results, so control tokens (`<s>`) and byte tokens (`<0x41>`) written as plain text
///     stay plain text.
struct BytePairModel: Sendable {
    /// A merge rule: its rank and the id of the token it makes.
    struct Merge: Sendable, Equatable {
        var rank: Int
        var result: Int
    }

    /// How merges are chosen.
    enum Ordering: Sendable {
        case rank([UInt64: Merge])
        /// Scores by id, and whether each id may be the result of a merge.
        case score([Float], mergeable: [Bool])
    }

    let vocabulary: Vocabulary
    let ordering: Ordering
    let byteFallback: Bool
    let unknownID: Int?
    let fusesUnknown: Bool
    let ignoresMerges: Bool
    /// The ids of `<0x00>`…`<0xFF>`, where the vocabulary has them all.
    let byteTokenIDs: [Int]?

    init(vocabulary: Vocabulary, ordering: Ordering, byteFallback: Bool, unknownID: Int?, fusesUnknown: Bool,
         ignoresMerges: Bool) {
        self.vocabulary = vocabulary
        self.ordering = ordering
        self.byteFallback = byteFallback
        self.unknownID = unknownID
        self.fusesUnknown = fusesUnknown
        self.ignoresMerges = ignoresMerges
        let ids = (0..<256).compactMap { vocabulary.id(for: Self.byteTokenText($0)) }
        byteTokenIDs = ids.count == 256 ? ids : nil
    }

    /// `<0xNN>` with two upper-case hex digits, as Llama's vocabulary writes byte tokens.
    static func byteTokenText(_ byte: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return "<0x\(digits[byte >> 4])\(digits[byte & 15])>"
    }

    static func pairKey(_ left: Int, _ right: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: left)) << 32 | UInt64(UInt32(truncatingIfNeeded: right))
    }

    /// Appends the ids of `piece` to `output`.
    func encode(_ piece: [Unicode.Scalar], into output: inout [Int]) {
        guard !piece.isEmpty else { return }
        if ignoresMerges, let id = vocabulary.id(for: String(String.UnicodeScalarView(piece))) {
            output.append(id)
            return
        }
        switch ordering {
        case .rank(let merges): encodeByRank(piece, merges: merges, into: &output)
        case .score(let scores, let mergeable): encodeByScore(piece, scores: scores, mergeable: mergeable, into: &output)
        }
    }

    // MARK: Rank order (tokenizers BPE)

    private func encodeByRank(_ piece: [Unicode.Scalar], merges: [UInt64: Merge], into output: inout [Int]) {
        var symbols = SymbolList(ids: initialIDs(piece))
        var queue = MergeQueue()
        func consider(_ left: Int, _ right: Int) {
            guard left >= 0, right >= 0,
                  let merge = merges[Self.pairKey(symbols.ids[left], symbols.ids[right])] else { return }
            queue.push(MergeCandidate(priority: Int64(merge.rank), left: left, right: right, result: merge.result))
        }
        for index in symbols.ids.indices.dropLast() { consider(index, index + 1) }
        while let candidate = queue.pop() {
            let left = candidate.left
            guard symbols.isAlive(left), symbols.next[left] >= 0 else { continue }
            let right = symbols.next[left]
            guard merges[Self.pairKey(symbols.ids[left], symbols.ids[right])]?.result == candidate.result else { continue }
            symbols.merge(left, right, id: candidate.result)
            consider(symbols.previous[left], left)
            consider(left, symbols.next[left])
        }
        symbols.appendIDs(to: &output)
    }

    /// One id per scalar; byte tokens or the unknown token for scalars not in the vocabulary.
    private func initialIDs(_ piece: [Unicode.Scalar]) -> [Int] {
        var ids: [Int] = []
        ids.reserveCapacity(piece.count)
        var pendingUnknown = false
        for scalar in piece {
            if let id = vocabulary.id(for: scalar) {
                if pendingUnknown, let unknownID { ids.append(unknownID) }
                pendingUnknown = false
                ids.append(id)
            } else if byteFallback, let byteTokenIDs {
                if pendingUnknown, let unknownID { ids.append(unknownID) }
                pendingUnknown = false
                for byte in UTF8.encode(scalar)! { ids.append(byteTokenIDs[Int(byte)]) }
            } else if let unknownID {
                if pendingUnknown, !fusesUnknown { ids.append(unknownID) }
                pendingUnknown = true
            }
        }
        if pendingUnknown, let unknownID { ids.append(unknownID) }
        return ids
    }

    // MARK: Score order (llama.cpp SentencePiece)

    private func encodeByScore(_ piece: [Unicode.Scalar], scores: [Float], mergeable: [Bool],
                               into output: inout [Int]) {
        var symbols = SymbolList(ids: Array(repeating: -1, count: piece.count))
        var lengths = [Int](repeating: 1, count: piece.count)
        var queue = MergeQueue()
        func text(_ start: Int, _ count: Int) -> String {
            String(String.UnicodeScalarView(piece[start..<(start + count)]))
        }
        func consider(_ left: Int, _ right: Int) {
            guard left >= 0, right >= 0 else { return }
            let count = lengths[left] + lengths[right]
            guard let id = vocabulary.id(for: text(left, count)), id < scores.count, mergeable[id] else { return }
            queue.push(MergeCandidate(priority: Self.descending(scores[id]), left: left, right: right, result: count))
        }
        for index in piece.indices.dropLast() { consider(index, index + 1) }
        while let candidate = queue.pop() {
            let left = candidate.left, right = candidate.right
            guard lengths[left] > 0, lengths[right] > 0, lengths[left] + lengths[right] == candidate.result else { continue }
            lengths[left] += lengths[right]
            lengths[right] = 0
            symbols.merge(left, right, id: -1)
            consider(symbols.previous[left], left)
            consider(left, symbols.next[left])
        }
        var index = 0
        while index >= 0, index < piece.count {
            appendSegment(text(index, lengths[index]), into: &output)
            index = symbols.next[index]
        }
    }

    /// A token's id, or its UTF-8 bytes as byte tokens (the unknown token where one is missing).
    private func appendSegment(_ text: String, into output: inout [Int]) {
        if let id = vocabulary.id(for: text) {
            output.append(id)
            return
        }
        for byte in text.utf8 {
            if let id = byteTokenIDs?[Int(byte)] ?? vocabulary.id(for: String(UnicodeScalar(byte))) {
                output.append(id)
            } else if let unknownID {
                output.append(unknownID)
            }
        }
    }

    /// A heap priority that puts higher scores first (an order-preserving map of the float's
    /// bits, negated).
    static func descending(_ score: Float) -> Int64 {
        let bits = score.bitPattern
        let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        return -Int64(ordered)
    }
}
