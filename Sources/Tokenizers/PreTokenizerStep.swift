/// One step of a pre-tokenizer: how the text between added tokens is split into the pieces
/// that BPE merges within. Steps apply in order, each to every piece the previous one made,
/// as the Hugging Face `tokenizers` `Sequence` pre-tokenizer applies them.
public enum PreTokenizerStep: Sendable, Equatable {
    /// `Split` with one of the known patterns, behaviour `Isolated`, not inverted.
    case split(SplitPattern)
    /// `Digits`: each number scalar on its own (`individual_digits`), or runs of them.
    case digits(individually: Bool)
    /// `ByteLevel`: optionally a leading space, optionally the GPT-2 pattern split, then every
    /// piece's UTF-8 bytes written in GPT-2's byte alphabet.
    case byteLevel(addsPrefixSpace: Bool, usesRegex: Bool)
    /// `Metaspace`: spaces become `replacement`, which is prepended per `prependScheme`, and
    /// the text is split before each `replacement` when `splits`.
    case metaspace(replacement: Unicode.Scalar, prependScheme: PrependScheme, splits: Bool)

    /// When Metaspace prepends its replacement.
    public enum PrependScheme: String, Sendable {
        /// Before every piece that does not already start with it.
        case always
        /// Only before the piece at the very start of the text.
        case first
        /// Never.
        case never
    }
}
