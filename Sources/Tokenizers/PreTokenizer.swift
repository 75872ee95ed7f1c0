/// A piece of text on its way through the pre-tokenizer: its scalars and whether it starts at
/// the beginning of the whole input (Metaspace's "first" scheme asks).
struct TextPiece: Sendable {
    var scalars: [Unicode.Scalar]
    var isAtStart: Bool
}

/// Splits normalized text into the pieces BPE merges within, by running its steps in order.
struct PreTokenizer: Sendable, Equatable {
    let steps: [PreTokenizerStep]

    /// The pieces of `text` (empty pieces are dropped, as `tokenizers` drops them).
    func pieces(of text: String, isAtStart: Bool) -> [[Unicode.Scalar]] {
        var pieces = [TextPiece(scalars: Array(text.unicodeScalars), isAtStart: isAtStart)]
        for step in steps {
            pieces = pieces.flatMap { apply(step, to: $0) }.filter { !$0.scalars.isEmpty }
        }
        return pieces.filter { !$0.scalars.isEmpty }.map(\.scalars)
    }

    private func apply(_ step: PreTokenizerStep, to piece: TextPiece) -> [TextPiece] {
        switch step {
        case .split(let pattern):
            return slices(of: piece, pattern.split(piece.scalars))
        case .digits(let individually):
            return slices(of: piece, Self.digitRanges(piece.scalars, individually: individually))
        case .byteLevel(let addsPrefixSpace, let usesRegex):
            var scalars = piece.scalars
            if addsPrefixSpace, scalars.first != " " { scalars.insert(" ", at: 0) }
            let ranges = usesRegex ? SplitPattern.gpt2.split(scalars) : [0..<scalars.count]
            return slices(of: TextPiece(scalars: scalars, isAtStart: piece.isAtStart), ranges).map { slice in
                var utf8: [UInt8] = []
                for scalar in slice.scalars { utf8.append(contentsOf: UTF8.encode(scalar)!) }
                return TextPiece(scalars: ByteLevelAlphabet.encode(utf8), isAtStart: slice.isAtStart)
            }
        case .metaspace(let replacement, let scheme, let splits):
            return Self.metaspace(piece, replacement: replacement, scheme: scheme, splits: splits)
        }
    }

    private func slices(of piece: TextPiece, _ ranges: [Range<Int>]) -> [TextPiece] {
        ranges.map { TextPiece(scalars: Array(piece.scalars[$0]), isAtStart: piece.isAtStart && $0.lowerBound == 0) }
    }

    /// Ranges that isolate number scalars (each alone, or in runs) from the text around them.
    static func digitRanges(_ scalars: [Unicode.Scalar], individually: Bool) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < scalars.count {
            let isNumber = ScalarCategory.of(scalars[start]) == .number
            var end = start + 1
            if !isNumber || !individually {
                while end < scalars.count, (ScalarCategory.of(scalars[end]) == .number) == isNumber { end += 1 }
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    private static func metaspace(_ piece: TextPiece, replacement: Unicode.Scalar,
                                  scheme: PreTokenizerStep.PrependScheme, splits: Bool) -> [TextPiece] {
        var scalars = piece.scalars.map { $0 == " " ? replacement : $0 }
        let prepends = scheme == .always || (scheme == .first && piece.isAtStart)
        if prepends, scalars.first != replacement { scalars.insert(replacement, at: 0) }
        guard splits else { return [TextPiece(scalars: scalars, isAtStart: piece.isAtStart)] }
        var result: [TextPiece] = []
        var start = 0
        for index in scalars.indices where index > start && scalars[index] == replacement {
            result.append(TextPiece(scalars: Array(scalars[start..<index]), isAtStart: piece.isAtStart && start == 0))
            start = index
        }
        result.append(TextPiece(scalars: Array(scalars[start...]), isAtStart: piece.isAtStart && start == 0))
        return result
    }
}
