/// The parameters of span attribution. A receipt's method name fixes them: "span/1" is
/// ``version1``; any change is a new method name.
public struct SpanAttributionParameters: Equatable, Hashable, Sendable {
    /// The shortest span, in tokens, that earns credit.
    public let spanLengthMin: Int
    /// The most sources a span may have and still earn credit (the rarity filter). A span's
    /// sources are the distinct credited documents (near-duplicate clusters) it occurs in, so
    /// copies of a text by sybil accounts neither split its credit nor make it look common.
    public let sourceCountMax: Int
    /// Spans occurring more often than this in the corpus are common without their sources
    /// being counted (it bounds the work per span).
    public let occurrenceScanMax: Int
    /// The most spans kept, as parts per million of the output length, rounded up
    /// (OLMoTrace keeps ⌈0.05 · L⌉); at least one span is always allowed.
    public let spanShareOfOutputPPM: Int
    /// The most contributions in an attribution (top-K).
    public let contributionCountMax: Int
    /// Only the first this-many output tokens are attributed.
    public let outputTokenCountMax: Int

    /// The rarity numerator: a span with c sources weighs length · ⌊rarityScale / c⌋.
    public static let rarityScale: UInt64 = 1 << 16
    /// The most entries a ledger receipt's attribution may hold.
    public static let contributionCountLimit = 64
    /// The largest ``occurrenceScanMax`` (and ``sourceCountMax``).
    public static let occurrenceScanLimit = 1 << 16
    /// The largest ``outputTokenCountMax``.
    public static let outputTokenCountLimit = 1 << 16

    /// span/1: spans of at least 8 tokens with at most 16 sources (scanned up to 1,024
    /// occurrences), at most ⌈5 % · L⌉ of them, top 16 contributions, outputs up to 16,384 tokens.
    public static let version1 = SpanAttributionParameters(
        spanLengthMin: 8, sourceCountMax: 16, occurrenceScanMax: 1_024, spanShareOfOutputPPM: 50_000,
        contributionCountMax: 16, outputTokenCountMax: 16_384)

    /// Parameters with the given fields, each within its limit.
    public init(spanLengthMin: Int, sourceCountMax: Int, occurrenceScanMax: Int, spanShareOfOutputPPM: Int,
                contributionCountMax: Int, outputTokenCountMax: Int) {
        precondition(spanLengthMin >= 1, "spans have at least one token")
        precondition((1...Self.occurrenceScanLimit).contains(occurrenceScanMax), "occurrence scan out of range")
        precondition((1...occurrenceScanMax).contains(sourceCountMax), "source count out of range")
        precondition((1...1_000_000).contains(spanShareOfOutputPPM), "span share out of range")
        precondition((1...Self.contributionCountLimit).contains(contributionCountMax), "contribution count out of range")
        precondition((1...Self.outputTokenCountLimit).contains(outputTokenCountMax), "output length out of range")
        self.spanLengthMin = spanLengthMin
        self.sourceCountMax = sourceCountMax
        self.occurrenceScanMax = occurrenceScanMax
        self.spanShareOfOutputPPM = spanShareOfOutputPPM
        self.contributionCountMax = contributionCountMax
        self.outputTokenCountMax = outputTokenCountMax
    }

    /// The most spans kept for an output of `outputTokenCount` tokens: ⌈share · L / 10⁶⌉, at least 1.
    public func spanCountMax(outputTokenCount: Int) -> Int {
        max(1, (outputTokenCount * spanShareOfOutputPPM + 999_999) / 1_000_000)
    }
}
