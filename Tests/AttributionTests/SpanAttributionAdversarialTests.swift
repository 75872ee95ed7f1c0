import Testing
import TestSupport
import Attribution

/// The two attacks issue 9 names: sybil accounts submitting duplicates or near duplicates
/// of a contribution to multiply its credit, and a contribution copying another's text to
/// take credit for it.
@Suite("SpanAttribution adversarial")
struct SpanAttributionAdversarialTests {
    static let vocabulary: UInt32 = 30_000

    /// `document` with one token in every `spacing` replaced by a fresh value.
    static func edited(_ document: [UInt32], every spacing: Int, offset: Int, fresh: UInt32) -> [UInt32] {
        var copy = document
        for position in stride(from: offset, to: copy.count, by: spacing) { copy[position] = fresh &+ UInt32(position) }
        return copy
    }

    @Test("exact copies by sybil accounts earn nothing and do not dilute the original")
    func exactDuplicates() throws {
        var generator = SeededGenerator.make(for: "Adversarial.exact")
        let original = AttributionFixtures.randomTokens(600, vocabulary: Self.vocabulary, using: &generator)
        let other = AttributionFixtures.randomTokens(600, vocabulary: Self.vocabulary, using: &generator)
        // 40 copies: more than span/1's 16-source limit, if copies counted as sources.
        let index = try AttributionFixtures.index([other, original] + Array(repeating: original, count: 40))
        for copy in 2..<42 { #expect(index.creditedDocument(of: copy) == 1) }
        let output = Array(original[100..<200])
        let result = SpanAttribution.attribute(output, index: index)
        #expect(result.weights == [AttributionWeight(contributionID: AttributionFixtures.contributionID(1), weightPPM: 1_000_000)])
        #expect(result.spans.first?.occurrenceCount == 41)
        #expect(result.spans.first?.sourceCount == 1)
    }

    @Test("near duplicates by sybil accounts are credited once, to the earliest member")
    func nearDuplicates() throws {
        var generator = SeededGenerator.make(for: "Adversarial.near")
        let original = AttributionFixtures.randomTokens(1_000, vocabulary: Self.vocabulary, using: &generator)
        let other = AttributionFixtures.randomTokens(1_000, vocabulary: Self.vocabulary, using: &generator)
        let sybils = (0..<5).map { Self.edited(original, every: 200, offset: 13 * $0 + 5, fresh: UInt32(100_000 * ($0 + 1))) }
        let index = try AttributionFixtures.index([other, original] + sybils)
        for sybil in 2..<7 { #expect(index.creditedDocument(of: sybil) == 1) }
        // The output quotes sybil 3's version, edits included, so some spans occur only in it.
        let output = Array(sybils[3][150..<406])
        let result = SpanAttribution.attribute(output, index: index)
        #expect(result.spans.contains { $0.earliestDocument == 5 })
        #expect(result.spans.allSatisfy { $0.creditedDocument == 1 })
        #expect(result.weights == [AttributionWeight(contributionID: AttributionFixtures.contributionID(1), weightPPM: 1_000_000)])
    }

    @Test("a contribution that copies another's text earns nothing for the copied spans")
    func copiedText() throws {
        var generator = SeededGenerator.make(for: "Adversarial.copy")
        let victim = AttributionFixtures.randomTokens(500, vocabulary: Self.vocabulary, using: &generator)
        let ownText = AttributionFixtures.randomTokens(800, vocabulary: Self.vocabulary, using: &generator)
        // The copier pastes 200 tokens of the victim's text into its own: not a near duplicate.
        let copier = Array(ownText[0..<400]) + victim[100..<300] + ownText[400...]
        let index = try AttributionFixtures.index([victim, copier])
        #expect(index.creditedDocument(of: 1) == 1)
        let victimID = AttributionFixtures.contributionID(0)
        let copierID = AttributionFixtures.contributionID(1)

        let quotingCopiedPart = Array(copier[420..<580])
        #expect(SpanAttribution.attribute(quotingCopiedPart, index: index).weights
                == [AttributionWeight(contributionID: victimID, weightPPM: 1_000_000)])

        let quotingOwnPart = Array(copier[0..<160])
        #expect(SpanAttribution.attribute(quotingOwnPart, index: index).weights
                == [AttributionWeight(contributionID: copierID, weightPPM: 1_000_000)])

        // 100 tokens of the copier's own text, then 100 copied. The whole 200 occur only in
        // the copier, but the copied 100 are credited to the victim: the copier is credited
        // with its own 100 tokens (one source, 100 · 65536) and the victim with the copied
        // 100 (two sources, 100 · 32768), so 2 : 1.
        let straddling = Array(copier[300..<500])
        let result = SpanAttribution.attribute(straddling, index: index)
        #expect(result.spans.map { [$0.start, $0.length, $0.creditedTokenCount, $0.creditedDocument] }
                == [[0, 200, 100, 1], [100, 100, 100, 0]])
        #expect(result.weights == [AttributionWeight(contributionID: copierID, weightPPM: 666_667),
                                   AttributionWeight(contributionID: victimID, weightPPM: 333_333)])
    }
}
