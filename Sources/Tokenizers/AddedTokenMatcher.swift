/// Finds added tokens in raw text, leftmost first and at one position the longest (as the
/// Aho-Corasick automaton of `tokenizers` does), with a byte trie over the tokens' UTF-8.
/// Special tokens are found even when they are not wanted, and then skipped, so that a special
/// token hides a shorter user-defined token inside it in both modes, as in `tokenizers`.
struct AddedTokenMatcher: Sendable {
    /// A stretch of the input: a matched token, or text for the normalizer and BPE.
    enum Segment: Equatable, Sendable {
        case token(Int)
        case text(String, isAtStart: Bool)
    }

    private let tokens: [AddedToken]
    private var children: [[UInt8: Int32]] = [[:]]
    private var terminal: [Int32] = [-1]

    init(tokens: [AddedToken]) {
        self.tokens = tokens
        for (index, token) in tokens.enumerated() where !token.content.isEmpty { insert(token.content, index) }
    }

    private mutating func insert(_ content: String, _ index: Int) {
        var node = 0
        for byte in content.utf8 {
            if let child = children[node][byte] {
                node = Int(child)
            } else {
                children.append([:])
                terminal.append(-1)
                children[node][byte] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        terminal[node] = Int32(index)
    }

    /// `text` cut into tokens and the text between them.
    func segments(of text: String, includingSpecial: Bool) -> [Segment] {
        let bytes = Array(text.utf8)
        guard tokens.count > 0 else { return bytes.isEmpty ? [] : [.text(text, isAtStart: true)] }
        var segments: [Segment] = []
        var textStart = 0
        var position = 0
        while position < bytes.count {
            guard let (index, end) = longestMatch(bytes, at: position),
                  includingSpecial || !tokens[index].isSpecial,
                  isWordBoundaryMatch(tokens[index], bytes, position, end) else {
                position += 1
                continue
            }
            let start = tokens[index].stripsLeft ? whitespaceStart(bytes, before: position, notBefore: textStart) : position
            let stop = tokens[index].stripsRight ? whitespaceEnd(bytes, after: end) : end
            if start > textStart { segments.append(Self.text(bytes, textStart, start)) }
            segments.append(.token(tokens[index].id))
            textStart = stop
            position = stop
        }
        if textStart < bytes.count { segments.append(Self.text(bytes, textStart, bytes.count)) }
        return segments
    }

    private static func text(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Segment {
        .text(String(decoding: bytes[start..<end], as: UTF8.self), isAtStart: start == 0)
    }

    private func longestMatch(_ bytes: [UInt8], at start: Int) -> (index: Int, end: Int)? {
        var node = 0
        var best: (Int, Int)?
        var position = start
        while position < bytes.count, let child = children[node][bytes[position]] {
            node = Int(child)
            position += 1
            if terminal[node] >= 0 { best = (Int(terminal[node]), position) }
        }
        return best
    }

    private func isWordBoundaryMatch(_ token: AddedToken, _ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard token.isSingleWord else { return true }
        let before = start > 0 ? Self.scalar(bytes, endingAt: start).scalar : nil
        let after = end < bytes.count ? Self.scalar(bytes, at: end).scalar : nil
        return !(before.map(Self.isWordScalar) ?? false) && !(after.map(Self.isWordScalar) ?? false)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let category = ScalarCategory.of(scalar)
        return category == .letter || category == .number
    }

    /// The start of the whitespace run that ends at `position`, not before `limit`.
    private func whitespaceStart(_ bytes: [UInt8], before position: Int, notBefore limit: Int) -> Int {
        var start = position
        while start > limit {
            let (scalar, width) = Self.scalar(bytes, endingAt: start)
            guard scalar.properties.isWhitespace else { break }
            start -= width
        }
        return start
    }

    /// The end of the whitespace run that starts at `position`.
    private func whitespaceEnd(_ bytes: [UInt8], after position: Int) -> Int {
        var end = position
        while end < bytes.count {
            let (scalar, width) = Self.scalar(bytes, at: end)
            guard scalar.properties.isWhitespace else { break }
            end += width
        }
        return end
    }

    /// The scalar whose UTF-8 starts at `index` of valid UTF-8 `bytes`, and its width.
    private static func scalar(_ bytes: [UInt8], at index: Int) -> (scalar: Unicode.Scalar, width: Int) {
        var width = 1
        while index + width < bytes.count, bytes[index + width] & 0xC0 == 0x80 { width += 1 }
        let scalar = String(decoding: bytes[index..<(index + width)], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return (scalar, width)
    }

    /// The scalar whose UTF-8 ends at `index` of valid UTF-8 `bytes`, and its width.
    private static func scalar(_ bytes: [UInt8], endingAt index: Int) -> (scalar: Unicode.Scalar, width: Int) {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return (scalar(bytes, at: start).scalar, index - start)
    }
}
