/// An output span that occurs verbatim in the corpus, and the credit it earns.
public struct CreditedSpan: Equatable, Hashable, Sendable {
    /// Where the span starts in the output.
    public let start: Int
    /// Its length in tokens.
    public let length: Int
    /// How many times it occurs in the corpus.
    public let occurrenceCount: Int
    /// How many distinct credited documents (near-duplicate clusters) it occurs in.
    public let sourceCount: Int
    /// The output tokens it is credited with: those of its tokens that no span with an
    /// earlier credited document (or, for the same one, fewer sources or an earlier start)
    /// also covers. Each output token is credited at most once.
    public let creditedTokenCount: Int
    /// creditedTokenCount · ⌊2¹⁶ / sourceCount⌋.
    public let weight: UInt64
    /// The earliest document (in corpus order) that contains it.
    public let earliestDocument: Int
    /// The document credited: the earliest member of that document's near-duplicate cluster.
    public let creditedDocument: Int

    /// The span with the given fields.
    public init(start: Int, length: Int, occurrenceCount: Int, sourceCount: Int, creditedTokenCount: Int, weight: UInt64,
                earliestDocument: Int, creditedDocument: Int) {
        self.start = start
        self.length = length
        self.occurrenceCount = occurrenceCount
        self.sourceCount = sourceCount
        self.creditedTokenCount = creditedTokenCount
        self.weight = weight
        self.earliestDocument = earliestDocument
        self.creditedDocument = creditedDocument
    }

    /// The output positions it covers.
    public var range: Range<Int> { start..<(start + length) }
}
