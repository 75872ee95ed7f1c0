/// The ids of the tokens a runtime treats specially, where the tokenizer names them.
public struct SpecialTokenIDs: Sendable, Equatable {
    /// Beginning of sequence (`<s>`, `<|begin_of_text|>`).
    public var beginningOfSequence: Int?
    /// End of sequence (`</s>`, `<|endoftext|>`, `<|im_end|>`): generation stops here.
    public var endOfSequence: Int?
    /// Padding.
    public var padding: Int?
    /// Unknown.
    public var unknown: Int?

    /// Ids as given.
    public init(beginningOfSequence: Int? = nil, endOfSequence: Int? = nil, padding: Int? = nil, unknown: Int? = nil) {
        self.beginningOfSequence = beginningOfSequence
        self.endOfSequence = endOfSequence
        self.padding = padding
        self.unknown = unknown
    }
}
