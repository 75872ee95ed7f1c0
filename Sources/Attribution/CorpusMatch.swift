/// The longest corpus match found at one start of an output.
struct CorpusMatch: Equatable, Sendable {
    /// Where the match starts in the output.
    let start: Int
    /// Its length in tokens (0 when even the first token does not occur).
    let length: Int
    /// The suffix-array ranks of its occurrences.
    let ranks: Range<Int>
}
