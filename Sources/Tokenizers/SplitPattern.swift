/// The pre-tokenizer regular expressions of the supported families, matched by hand (no regex
/// engine): each splits text into pieces exactly as Oniguruma's leftmost-first matching of the
/// pattern does, with the unmatched stretches (there are none for these patterns) kept too.
///
///   gpt2    's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
///   llama3  (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}
///           | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
///
/// The GPT-2 pattern is also the one inside the ByteLevel pre-tokenizer (`use_regex`) and, after
/// single digits are split off, SmolLM's; llama.cpp's "gpt-2", "llama-bpe" and "smollm"
/// pre-tokenizers are these same patterns.
public enum SplitPattern: String, Sendable, CaseIterable {
    /// GPT-2's pattern.
    case gpt2
    /// Llama-3's pattern (also used by many later byte-level BPE models).
    case llama3

    /// The pattern's text as tokenizer.json files write it.
    public var regex: String {
        switch self {
        case .gpt2: #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
        case .llama3:
            #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"#
                + #"|\s*[\r\n]+|\s+(?!\S)|\s+"#
        }
    }

    /// The pattern whose text is `regex`, if it is one of these.
    public init?(regex: String) {
        guard let pattern = SplitPattern.allCases.first(where: { $0.regex == regex }) else { return nil }
        self = pattern
    }

    /// The pieces of `scalars`, as consecutive ranges that cover it.
    func split(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < scalars.count {
            let end = max(start + 1, matchEnd(scalars, from: start))
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    private func matchEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        switch self {
        case .gpt2: Self.gpt2End(scalars, from: start)
        case .llama3: Self.llama3End(scalars, from: start)
        }
    }

    private static func gpt2End(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        if let end = contractionEnd(scalars, from: start, ignoringCase: false) { return end }
        let category = ScalarCategory.of(scalars[start])
        if category != .whitespace { return ScalarCategory.runEnd(scalars, from: start, category) }
        if scalars[start] == " ", start + 1 < scalars.count {
            let next = ScalarCategory.of(scalars[start + 1])
            if next != .whitespace { return ScalarCategory.runEnd(scalars, from: start + 1, next) }
        }
        return whitespaceEnd(scalars, from: start)
    }

    private static func llama3End(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        if let end = contractionEnd(scalars, from: start, ignoringCase: true) { return end }
        let first = scalars[start]
        let category = ScalarCategory.of(first)
        if category == .letter { return ScalarCategory.runEnd(scalars, from: start, .letter) }
        if category != .number, !isNewline(first), start + 1 < scalars.count,
           ScalarCategory.of(scalars[start + 1]) == .letter {
            return ScalarCategory.runEnd(scalars, from: start + 1, .letter)
        }
        if category == .number { return min(start + 3, ScalarCategory.runEnd(scalars, from: start, .number)) }
        var symbolStart = start
        if first == " ", start + 1 < scalars.count, ScalarCategory.of(scalars[start + 1]) == .other {
            symbolStart = start + 1
        }
        if ScalarCategory.of(scalars[symbolStart]) == .other {
            var end = ScalarCategory.runEnd(scalars, from: symbolStart, .other)
            while end < scalars.count, isNewline(scalars[end]) { end += 1 }
            return end
        }
        let runEnd = ScalarCategory.runEnd(scalars, from: start, .whitespace)
        if let lastNewline = (start..<runEnd).last(where: { isNewline(scalars[$0]) }) { return lastNewline + 1 }
        return whitespaceEnd(scalars, from: start)
    }

    /// `\s+(?!\S)|\s+` at a whitespace scalar: the whole run at the end of the text or when it
    /// is one scalar long, else the run less its last scalar.
    private static func whitespaceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let end = ScalarCategory.runEnd(scalars, from: start, .whitespace)
        return end == scalars.count || end - start == 1 ? end : end - 1
    }

    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool { scalar == "\r" || scalar == "\n" }

    /// The end of 's, 't, 're, 've, 'm, 'll or 'd at `start`, when one is there. Ignoring case
    /// follows Unicode case folding as Oniguruma applies it: 's' also matches 'S' and 'ſ'.
    private static func contractionEnd(_ scalars: [Unicode.Scalar], from start: Int, ignoringCase: Bool) -> Int? {
        guard scalars[start] == "'", start + 1 < scalars.count else { return nil }
        func letter(_ offset: Int, _ expected: Character) -> Bool {
            guard start + offset < scalars.count else { return false }
            let scalar = scalars[start + offset]
            if scalar == expected.unicodeScalars.first! { return true }
            guard ignoringCase else { return false }
            if expected == "s", scalar == "\u{017F}" { return true }
            return scalar.value < 128 && Character(scalar).lowercased() == String(expected)
        }
        for suffix in ["s", "t", "re", "ve", "m", "ll", "d"] {
            let letters = Array(suffix)
            if letters.indices.allSatisfy({ letter($0 + 1, letters[$0]) }) { return start + 1 + letters.count }
        }
        return nil
    }
}
