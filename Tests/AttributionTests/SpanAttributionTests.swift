import Testing
import TestSupport
@testable import Attribution

@Suite("SpanAttribution")
struct SpanAttributionTests {
    static let documents: [[UInt32]] = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 1, 2, 3, 10], [11, 12, 13, 14, 15]]
    /// Copies [1 2 3 4] of document 0, [7 8 9 1 2] of document 1, [13 14 15] of document 2,
    /// and [1 2 3], which documents 0 and 1 both hold.
    static let output: [UInt32] = [1, 2, 3, 4, 99, 7, 8, 9, 1, 2, 13, 14, 15, 16, 50, 1, 2, 3, 51]

    static func parameters(spanLengthMin: Int = 3, sourceCountMax: Int = 2, share: Int = 1_000_000,
                           contributions: Int = 4) -> SpanAttributionParameters {
        SpanAttributionParameters(spanLengthMin: spanLengthMin, sourceCountMax: sourceCountMax, occurrenceScanMax: 16,
                                  spanShareOfOutputPPM: share, contributionCountMax: contributions, outputTokenCountMax: 100)
    }

    static func weights(_ pairs: [(Int, UInt32)]) -> [AttributionWeight] {
        pairs.map { AttributionWeight(contributionID: AttributionFixtures.contributionID($0.0), weightPPM: $0.1) }
    }

    @Test("maximal spans of the hand-checked output")
    func handCheckedMaximalSpans() throws {
        let index = try AttributionFixtures.index(Self.documents)
        let spans = SpanAttribution.maximalSpans(in: Self.output, index: index)
        #expect(spans.map { [$0.start, $0.length, $0.occurrenceCount] } == [[0, 4, 1], [5, 5, 1], [10, 3, 1], [15, 3, 2]])
    }

    @Test("credited spans: weight tokens · ⌊65536 / sources⌋, earliest document; [2 3 4] lies inside [1 2 3 4]")
    func handCheckedSpans() throws {
        let index = try AttributionFixtures.index(Self.documents)
        let spans = SpanAttribution.attribute(Self.output, index: index, parameters: Self.parameters()).spans
        #expect(spans == [
            CreditedSpan(start: 5, length: 5, occurrenceCount: 1, sourceCount: 1, creditedTokenCount: 5, weight: 327_680,
                         earliestDocument: 1, creditedDocument: 1),
            CreditedSpan(start: 0, length: 4, occurrenceCount: 1, sourceCount: 1, creditedTokenCount: 4, weight: 262_144,
                         earliestDocument: 0, creditedDocument: 0),
            CreditedSpan(start: 10, length: 3, occurrenceCount: 1, sourceCount: 1, creditedTokenCount: 3, weight: 196_608,
                         earliestDocument: 2, creditedDocument: 2),
            CreditedSpan(start: 15, length: 3, occurrenceCount: 2, sourceCount: 2, creditedTokenCount: 3, weight: 98_304,
                         earliestDocument: 0, creditedDocument: 0),
        ])
    }

    /// Scores and parts computed by hand (largest remainder; see PartsPerMillionTests):
    /// 360448 : 327680 : 196608 → 407407.4, 370370.4, 222222.2 → the spare part to the first.
    @Test("weights of the hand-checked output", arguments: [
        (parameters(), [(0, 407_408), (1, 370_370), (2, 222_222)]),
        (parameters(share: 100_000), [(1, 555_556), (0, 444_444)]),
        (parameters(contributions: 2), [(0, 523_810), (1, 476_190)]),
        (parameters(sourceCountMax: 1), [(1, 416_667), (0, 333_333), (2, 250_000)]),
        (parameters(spanLengthMin: 4), [(1, 555_556), (0, 444_444)]),
        (parameters(spanLengthMin: 6), []),
    ] as [(SpanAttributionParameters, [(Int, UInt32)])])
    func handCheckedWeights(parameters: SpanAttributionParameters, expected: [(Int, UInt32)]) throws {
        let index = try AttributionFixtures.index(Self.documents)
        let result = SpanAttribution.attribute(Self.output, index: index, parameters: parameters)
        #expect(result.weights == Self.weights(expected))
        #expect(result.indexRoot == index.root)
    }

    @Test("span/1's parameters and its span cap, ⌈5 % · L⌉")
    func versionOne() {
        let parameters = SpanAttributionParameters.version1
        #expect(SpanAttribution.method == "span/1")
        #expect(parameters.spanCountMax(outputTokenCount: 256) == 13)
        #expect(parameters.spanCountMax(outputTokenCount: 20) == 1)
        #expect(parameters.spanCountMax(outputTokenCount: 0) == 1)
        #expect(parameters.spanCountMax(outputTokenCount: 21) == 2)
    }

    @Test("a separator value in the output never matches; tokens past the output limit are ignored")
    func separatorAndLimit() throws {
        let index = try AttributionFixtures.index(Self.documents)
        let broken: [UInt32] = [1, 2, SpanIndexLimits.separator, 7, 8]
        #expect(SpanAttribution.maximalSpans(in: broken, index: index).map { [$0.start, $0.length] } == [[0, 2], [3, 2]])
        let short = SpanAttributionParameters(spanLengthMin: 3, sourceCountMax: 2, occurrenceScanMax: 16,
                                              spanShareOfOutputPPM: 1_000_000, contributionCountMax: 4, outputTokenCountMax: 10)
        let spans = SpanAttribution.attribute(Self.output, index: index, parameters: short).spans
        #expect(spans.map(\.start) == [5, 0])
        #expect(spans.map(\.length) == [5, 4])
    }

    @Test("equals a naive search and naive arithmetic on seeded random corpora")
    func againstNaiveReference() throws {
        var generator = SeededGenerator.make(for: "SpanAttribution.naive")
        for _ in 0..<60 {
            let vocabulary = UInt32.random(in: 3...8, using: &generator)
            let documents = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                AttributionFixtures.randomTokens(Int.random(in: 0...40, using: &generator), vocabulary: vocabulary, using: &generator)
            }
            let index = try AttributionFixtures.index(documents)
            for _ in 0..<10 {
                let output = Self.randomOutput(from: documents, vocabulary: vocabulary, using: &generator)
                try Self.compareWithNaive(output: output, documents: documents, index: index)
            }
        }
    }

    /// Pieces of documents and random tokens, up to 60 tokens.
    static func randomOutput(from documents: [[UInt32]], vocabulary: UInt32, using generator: inout SeededGenerator) -> [UInt32] {
        var output: [UInt32] = []
        while output.count < Int.random(in: 0...60, using: &generator) {
            let document = documents.randomElement(using: &generator)!
            if Bool.random(using: &generator), !document.isEmpty {
                let start = Int.random(in: document.indices, using: &generator)
                output += document[start..<min(document.count, start + Int.random(in: 1...12, using: &generator))]
            } else {
                output.append(UInt32.random(in: 0...vocabulary, using: &generator))
            }
        }
        return output
    }

    static func compareWithNaive(output: [UInt32], documents: [[UInt32]], index: SpanIndex) throws {
        let parameters = AttributionFixtures.permissive
        let naive = AttributionFixtures.naiveMaximalSpans(of: output, in: documents)
        let found = SpanAttribution.maximalSpans(in: output, index: index)
        #expect(found.map { [$0.start, $0.length, $0.occurrenceCount] } == naive.map { [$0.start, $0.length, $0.occurrenceCount] },
                "output \(output) in \(documents)")
        let expectedSpans = naiveCreditedSpans(output: output, documents: documents, index: index, parameters: parameters)
        let result = SpanAttribution.attribute(output, index: index, parameters: parameters)
        #expect(result.spans == expectedSpans, "output \(output) in \(documents)")
        #expect(result.weights == naiveWeights(expectedSpans, index: index))
    }

    /// The method's steps by their definitions, with naive searches and double loops (the
    /// cluster table is taken from the index; clustering is tested on its own).
    static func naiveCreditedSpans(output: [UInt32], documents: [[UInt32]], index: SpanIndex,
                                   parameters: SpanAttributionParameters) -> [CreditedSpan] {
        struct Candidate { var start, length, occurrences, sources, earliest, credited: Int }
        var candidates: [Candidate] = []
        for start in output.indices {
            var length = 0
            while start + length < output.count,
                  documents.contains(where: { !AttributionFixtures.naiveOccurrences(of: output[start...(start + length)], in: $0).isEmpty }) {
                length += 1
            }
            guard length >= parameters.spanLengthMin else { continue }
            let pattern = output[start..<(start + length)]
            let counts = documents.map { AttributionFixtures.naiveOccurrences(of: pattern, in: $0).count }
            let holders = documents.indices.filter { counts[$0] > 0 }
            let sources = Set(holders.map { index.creditedDocument(of: $0) }).count
            guard counts.reduce(0, +) <= parameters.occurrenceScanMax, sources <= parameters.sourceCountMax else { continue }
            candidates.append(Candidate(start: start, length: length, occurrences: counts.reduce(0, +), sources: sources,
                                        earliest: holders[0], credited: index.creditedDocument(of: holders[0])))
        }
        let kept = candidates.filter { candidate in
            !candidates.contains { $0.start < candidate.start && $0.credited <= candidate.credited
                && $0.start + $0.length >= candidate.start + candidate.length }
        }
        var spans: [CreditedSpan] = []
        for span in kept {
            let owned = (span.start..<(span.start + span.length)).filter { position in
                let owner = kept.filter { ($0.start..<($0.start + $0.length)).contains(position) }
                    .min { ($0.credited, $0.sources, $0.start) < ($1.credited, $1.sources, $1.start) }!
                return owner.start == span.start
            }.count
            guard owned > 0 else { continue }
            spans.append(CreditedSpan(start: span.start, length: span.length, occurrenceCount: span.occurrences,
                                      sourceCount: span.sources, creditedTokenCount: owned,
                                      weight: UInt64(owned * (65_536 / span.sources)), earliestDocument: span.earliest,
                                      creditedDocument: span.credited))
        }
        spans.sort { ($0.weight, -$0.start) > ($1.weight, -$1.start) }
        return spans
    }

    /// Sums per credited document and hands out 10⁶ parts: floors, then one more part to
    /// each of the largest remainders, compared by cross-multiplication.
    static func naiveWeights(_ spans: [CreditedSpan], index: SpanIndex) -> [AttributionWeight] {
        var scores: [Int: UInt64] = [:]
        for span in spans { scores[span.creditedDocument, default: 0] += span.weight }
        let ranked = scores.keys.sorted { (scores[$0]!, -$0) > (scores[$1]!, -$1) }
        let total = ranked.reduce(0) { $0 + scores[$1]! }
        guard total > 0 else { return [] }
        var parts = ranked.map { scores[$0]! * 1_000_000 / total }
        let remainders = ranked.map { scores[$0]! * 1_000_000 % total }
        var spare = 1_000_000 - parts.reduce(0, +)
        var given = Set<Int>()
        while spare > 0 {
            let next = ranked.indices.filter { !given.contains($0) }.max { remainders[$0] != remainders[$1] ? remainders[$0] < remainders[$1] : $0 > $1 }!
            parts[next] += 1
            given.insert(next)
            spare -= 1
        }
        return ranked.indices.compactMap { position in
            parts[position] == 0 ? nil
                : AttributionWeight(contributionID: index.documentID(at: ranked[position]), weightPPM: UInt32(parts[position]))
        }
    }

    @Test("weights are positive, at most K, and sum to exactly 1,000,000")
    func partsSumExactly() throws {
        var generator = SeededGenerator.make(for: "SpanAttribution.sums")
        let documents = (0..<40).map { _ in AttributionFixtures.randomTokens(200, vocabulary: 6, using: &generator) }
        let index = try AttributionFixtures.index(documents)
        for contributions in [1, 2, 3, 7, 64] {
            let parameters = SpanAttributionParameters(spanLengthMin: 3, sourceCountMax: 64, occurrenceScanMax: 4_096,
                                                       spanShareOfOutputPPM: 1_000_000, contributionCountMax: contributions,
                                                       outputTokenCountMax: 1_000)
            for _ in 0..<20 {
                let output = Self.randomOutput(from: documents, vocabulary: 6, using: &generator)
                let weights = SpanAttribution.attribute(output, index: index, parameters: parameters).weights
                #expect(weights.count <= contributions)
                #expect(weights.allSatisfy { $0.weightPPM > 0 })
                #expect(Set(weights.map(\.contributionID)).count == weights.count)
                if !weights.isEmpty { #expect(weights.reduce(0) { $0 + Int($1.weightPPM) } == 1_000_000) }
            }
        }
    }

    @Test("the same output over a built, a copied and a mapped index gives the same result")
    func determinism() throws {
        var generator = SeededGenerator.make(for: "SpanAttribution.determinism")
        let documents = (0..<30).map { _ in AttributionFixtures.randomTokens(500, vocabulary: 300, using: &generator) }
        let index = try AttributionFixtures.index(documents)
        let copy = try SpanIndex(bytes: index.fileBytes, validation: .full)
        for _ in 0..<20 {
            let output = Self.randomOutput(from: documents, vocabulary: 300, using: &generator)
            let first = SpanAttribution.attribute(output, index: index)
            #expect(SpanAttribution.attribute(output, index: index) == first)
            #expect(SpanAttribution.attribute(output, index: copy) == first)
        }
    }

    @Test("verbatim recall: an output quoting a planted passage of one contribution ranks it first, 100 of 100")
    func plantedFacts() throws {
        var generator = SeededGenerator.make(for: "SpanAttribution.planted")
        let documents = (0..<100).map { _ in AttributionFixtures.randomTokens(400, vocabulary: 5_000, using: &generator) }
        let index = try AttributionFixtures.index(documents)
        var firsts = 0
        for fact in documents.indices {
            let start = Int.random(in: 0...(400 - 48), using: &generator)
            let output = AttributionFixtures.randomTokens(40, vocabulary: 5_000, using: &generator)
                + documents[fact][start..<(start + 48)]
                + AttributionFixtures.randomTokens(40, vocabulary: 5_000, using: &generator)
            let weights = SpanAttribution.attribute(output, index: index).weights
            if weights.first?.contributionID == AttributionFixtures.contributionID(fact) { firsts += 1 }
        }
        #expect(firsts == 100)
    }
}
