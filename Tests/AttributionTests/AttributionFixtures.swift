import Attribution
import TestSupport

/// Corpora, ids and a naive reference implementation for the attribution tests. The
/// reference searches documents token by token, with no suffix array.
enum AttributionFixtures {
    /// Parameters that keep every span of two or more tokens with up to three sources, with
    /// no cap on the number of spans: for small hand-checked and random corpora.
    static let permissive = SpanAttributionParameters(
        spanLengthMin: 2, sourceCountMax: 3, occurrenceScanMax: 64, spanShareOfOutputPPM: 1_000_000,
        contributionCountMax: 64, outputTokenCountMax: 1_000)

    /// A 32-byte contribution id whose first bytes spell `number`.
    static func contributionID(_ number: Int) -> [UInt8] {
        var id = [UInt8](repeating: 0xA0, count: 32)
        id[0] = UInt8(number & 0xFF)
        id[1] = UInt8((number >> 8) & 0xFF)
        id[2] = UInt8((number >> 16) & 0xFF)
        return id
    }

    /// An index over `documents`, ids `contributionID(0)`, `contributionID(1)`, ….
    static func index(_ documents: [[UInt32]], parameters: NearDuplicateParameters = .standard) throws -> SpanIndex {
        var builder = SpanIndexBuilder(nearDuplicateParameters: parameters)
        for (number, tokens) in documents.enumerated() {
            try builder.append(contributionID: contributionID(number), tokens: tokens)
        }
        return builder.build()
    }

    /// `count` tokens drawn uniformly from `0..<vocabulary`.
    static func randomTokens(_ count: Int, vocabulary: UInt32, using generator: inout SeededGenerator) -> [UInt32] {
        (0..<count).map { _ in UInt32.random(in: 0..<vocabulary, using: &generator) }
    }

    /// Where `pattern` occurs in `document` (overlapping occurrences counted).
    static func naiveOccurrences(of pattern: ArraySlice<UInt32>, in document: [UInt32]) -> [Int] {
        guard !pattern.isEmpty, pattern.count <= document.count else { return [] }
        return (0...(document.count - pattern.count)).filter { start in
            document[start..<(start + pattern.count)].elementsEqual(pattern)
        }
    }

    /// A maximal span found by the naive search.
    struct NaiveSpan: Equatable {
        var start: Int
        var length: Int
        var occurrenceCount: Int
        var earliestDocument: Int
    }

    /// Every maximal span of `output` in `documents`, by longest match at each start.
    static func naiveMaximalSpans(of output: [UInt32], in documents: [[UInt32]]) -> [NaiveSpan] {
        var spans: [NaiveSpan] = []
        var furthestEnd = 0
        for start in output.indices {
            var best: NaiveSpan?
            var length = 1
            while start + length <= output.count {
                let pattern = output[start..<(start + length)]
                let perDocument = documents.map { naiveOccurrences(of: pattern, in: $0).count }
                let total = perDocument.reduce(0, +)
                guard total > 0 else { break }
                best = NaiveSpan(start: start, length: length, occurrenceCount: total,
                                 earliestDocument: perDocument.firstIndex { $0 > 0 }!)
                length += 1
            }
            if let best, best.start + best.length > furthestEnd {
                spans.append(best)
                furthestEnd = best.start + best.length
            }
        }
        return spans
    }
}
