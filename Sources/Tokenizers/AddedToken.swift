/// A token matched in raw text before anything else happens to it: the special tokens
/// (`<|im_start|>`, `<s>`, …) and user-defined tokens. A special token written literally in a
/// prompt is recognised as that token unless the caller asks for plain text.
public struct AddedToken: Sendable, Equatable {
    /// The token's id.
    public let id: Int
    /// The text it matches.
    public let content: String
    /// Whether it is special (control): skipped when decoding without special tokens, and not
    /// recognised in text when special tokens are not parsed.
    public let isSpecial: Bool
    /// Whether whitespace before a match belongs to the match (`lstrip`).
    public let stripsLeft: Bool
    /// Whether whitespace after a match belongs to the match (`rstrip`).
    public let stripsRight: Bool
    /// Whether it matches only where no letter or number is next to it (`single_word`).
    public let isSingleWord: Bool

    /// An added token.
    public init(id: Int, content: String, isSpecial: Bool, stripsLeft: Bool = false, stripsRight: Bool = false,
                isSingleWord: Bool = false) {
        self.id = id
        self.content = content
        self.isSpecial = isSpecial
        self.stripsLeft = stripsLeft
        self.stripsRight = stripsRight
        self.isSingleWord = isSingleWord
    }
}
