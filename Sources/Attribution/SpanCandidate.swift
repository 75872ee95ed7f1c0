/// An output start's longest corpus match that passed the length and rarity filters, with
/// the document it is credited to.
struct SpanCandidate: Equatable, Sendable {
    let match: CorpusMatch
    /// The earliest document (corpus order) holding the match.
    let earliestDocument: Int
    /// That document's cluster representative: where the credit goes.
    let creditedDocument: Int
    /// The distinct credited documents holding the match.
    let sourceCount: Int

    var end: Int { match.start + match.length }

    /// Whether this candidate takes an output token before `other` when both cover it:
    /// earlier credited document, then fewer sources, then earlier start.
    func ownsBefore(_ other: SpanCandidate) -> Bool {
        (creditedDocument, sourceCount, match.start) < (other.creditedDocument, other.sourceCount, other.match.start)
    }
}
