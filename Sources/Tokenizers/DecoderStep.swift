/// One step of a decoder: how token texts become output text. Steps apply in order to the list
/// of token texts, as the `decode_chain` of the Hugging Face `tokenizers` decoders does, and
/// the final list is concatenated.
public enum DecoderStep: Sendable, Equatable {
    /// `ByteLevel`: every token whose scalars are all in GPT-2's byte alphabet becomes those
    /// bytes (others their own UTF-8); the bytes are read as UTF-8, invalid sequences as U+FFFD.
    case byteLevel
    /// `Replace` with a plain string pattern, in every token.
    case replace(pattern: String, content: String)
    /// `ByteFallback`: runs of `<0xNN>` tokens become their bytes read as UTF-8; a run that is
    /// not valid UTF-8 becomes one U+FFFD per byte.
    case byteFallback
    /// `Fuse`: all tokens become one.
    case fuse
    /// `Strip`: up to `start` leading and `stop` trailing `content` scalars removed from each token.
    case strip(content: Unicode.Scalar, start: Int, stop: Int)
    /// `Metaspace`: `replacement` becomes a space in every token, except in the first token,
    /// where it is dropped unless the scheme is `never` (as `tokenizers` does).
    case metaspace(replacement: Unicode.Scalar, prependScheme: PreTokenizerStep.PrependScheme)

    /// The token texts after this step.
    func apply(to tokens: [String]) -> [String] {
        switch self {
        case .byteLevel:
            var bytes: [UInt8] = []
            for token in tokens { bytes.append(contentsOf: ByteLevelAlphabet.decode(token) ?? Array(token.utf8)) }
            return [String(decoding: bytes, as: UTF8.self)]
        case .replace(let pattern, let content):
            return tokens.map { NormalizerStep.replacing(pattern, with: content, in: $0) }
        case .byteFallback:
            return Self.byteFallback(tokens)
        case .fuse:
            return [tokens.joined()]
        case .strip(let content, let start, let stop):
            return tokens.map { Self.strip($0, content, start, stop) }
        case .metaspace(let replacement, let scheme):
            return tokens.enumerated().map { index, token in
                var scalars = String.UnicodeScalarView()
                for scalar in token.unicodeScalars {
                    if scalar != replacement {
                        scalars.append(scalar)
                    } else if index != 0 || scheme == .never {
                        scalars.append(" ")
                    }
                }
                return String(scalars)
            }
        }
    }

    /// The byte `token` stands for when it is `<0xNN>` (two hex digits, either case).
    static func fallbackByte(_ token: String) -> UInt8? {
        let utf8 = Array(token.utf8)
        guard utf8.count == 6, token.hasPrefix("<0x"), utf8[5] == UInt8(ascii: ">") else { return nil }
        return UInt8(String(decoding: utf8[3..<5], as: UTF8.self), radix: 16)
    }

    private static func byteFallback(_ tokens: [String]) -> [String] {
        var output: [String] = []
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            if let text = String(validating: pending, as: UTF8.self) {
                output.append(text)
            } else {
                output.append(contentsOf: repeatElement("\u{FFFD}", count: pending.count))
            }
            pending.removeAll()
        }
        for token in tokens {
            if let byte = fallbackByte(token) {
                pending.append(byte)
            } else {
                flush()
                output.append(token)
            }
        }
        flush()
        return output
    }

    private static func strip(_ token: String, _ content: Unicode.Scalar, _ start: Int, _ stop: Int) -> String {
        var scalars = Array(token.unicodeScalars)
        var removed = 0
        while removed < start, scalars.first == content { scalars.removeFirst(); removed += 1 }
        removed = 0
        while removed < stop, scalars.last == content { scalars.removeLast(); removed += 1 }
        return String(String.UnicodeScalarView(scalars))
    }
}
