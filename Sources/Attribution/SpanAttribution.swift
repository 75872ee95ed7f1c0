/// Span attribution ("span/1"): credit for an output goes to the contributions that contain
/// its rare verbatim spans, after OLMoTrace (arXiv 2504.07096), in integer arithmetic only.
///
/// 1. At each output start, the longest prefix occurring in the corpus (suffix-array search).
/// 2. Candidates: matches of at least `spanLengthMin` tokens occurring at most
///    `occurrenceScanMax` times whose sources (distinct near-duplicate clusters holding
///    them) number at most `sourceCountMax`. A candidate is credited to the earliest
///    document holding it, or rather to that document's cluster representative (a cluster
///    of near duplicates is credited once, to its earliest member).
/// 3. Spans: candidates not inside an earlier start's candidate with the same or an earlier
///    credited document (OLMoTrace's maximal spans, taken per source, so that text a later
///    contribution copied is still found as the earlier one's span).
/// 4. Each output token is credited once, to the covering span with the earliest credited
///    document (then fewer sources, then earlier start): a contribution that copies another's
///    text earns nothing for the copied tokens. A span weighs its credited tokens ·
///    ⌊2¹⁶ / sources⌋; the ⌈5 % · L⌉ heaviest are kept (ties: earlier start).
/// 5. Sum per contribution, keep the top K (ties: earlier document), normalise to parts per
///    million (``PartsPerMillion``), drop zeros.
public enum SpanAttribution {
    /// The method name receipts carry.
    public static let method = "span/1"

    /// The attribution of `output` (its first `outputTokenCountMax` tokens) against `index`.
    public static func attribute(_ output: [UInt32], index: SpanIndex,
                                 parameters: SpanAttributionParameters = .version1) -> SpanAttributionResult {
        let spans = creditedSpans(in: output, index: index, parameters: parameters)
        let weights = weights(for: spans, index: index, parameters: parameters)
        return SpanAttributionResult(spans: spans, weights: weights, indexRoot: index.root)
    }

    /// OLMoTrace's maximal spans of `output` in `index`, before any filter: at each start the
    /// longest match, kept when its end passes every earlier one's; (start, length,
    /// occurrence count), by start.
    public static func maximalSpans(in output: [UInt32], index: SpanIndex) -> [(start: Int, length: Int, occurrenceCount: Int)] {
        guard index.textTokenCount > 0 else { return [] }
        var furthestEnd = 0
        var maximal: [(start: Int, length: Int, occurrenceCount: Int)] = []
        for match in index.longestMatches(in: output) where match.length > 0 {
            if match.start + match.length > furthestEnd { maximal.append((match.start, match.length, match.ranks.count)) }
            furthestEnd = max(furthestEnd, match.start + match.length)
        }
        return maximal
    }

    /// The credited spans, heaviest first (steps 1–4).
    public static func creditedSpans(in output: [UInt32], index: SpanIndex,
                                     parameters: SpanAttributionParameters) -> [CreditedSpan] {
        let attributed = Array(output.prefix(parameters.outputTokenCountMax))
        guard index.textTokenCount > 0 else { return [] }
        let spans = perSourceMaximal(candidates(in: attributed, index: index, parameters: parameters))
        let owned = ownedTokenCounts(of: spans, outputCount: attributed.count)
        let credited = zip(spans, owned).compactMap { span, tokens -> CreditedSpan? in
            guard tokens > 0 else { return nil }
            return CreditedSpan(start: span.match.start, length: span.match.length, occurrenceCount: span.match.ranks.count,
                                sourceCount: span.sourceCount, creditedTokenCount: tokens,
                                weight: UInt64(tokens) * (SpanAttributionParameters.rarityScale / UInt64(span.sourceCount)),
                                earliestDocument: span.earliestDocument, creditedDocument: span.creditedDocument)
        }
        let ranked = credited.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.start < $1.start }
        return Array(ranked.prefix(parameters.spanCountMax(outputTokenCount: attributed.count)))
    }

    /// Step 2: every start's longest match that passes the filters, with its source.
    static func candidates(in output: [UInt32], index: SpanIndex, parameters: SpanAttributionParameters) -> [SpanCandidate] {
        index.longestMatches(in: output).compactMap { match in
            guard match.length >= parameters.spanLengthMin, match.ranks.count <= parameters.occurrenceScanMax else { return nil }
            let (earliest, sourceCount) = sources(of: match.ranks, index: index)
            guard sourceCount <= parameters.sourceCountMax else { return nil }
            return SpanCandidate(match: match, earliestDocument: earliest,
                                 creditedDocument: index.sections.creditedDocument(of: earliest), sourceCount: sourceCount)
        }
    }

    /// The earliest document holding one of the occurrences `ranks`, and the number of
    /// distinct credited documents among them.
    static func sources(of ranks: Range<Int>, index: SpanIndex) -> (earliestDocument: Int, sourceCount: Int) {
        var earliest = Int.max
        var credited = Set<Int>()
        for rank in ranks {
            let document = index.sections.document(containing: index.sections.suffix(at: rank))
            earliest = min(earliest, document)
            credited.insert(index.sections.creditedDocument(of: document))
        }
        return (earliest, credited.count)
    }

    /// Step 3: drops each candidate whose end an earlier start's candidate, credited to the
    /// same or an earlier document, reaches.
    static func perSourceMaximal(_ candidates: [SpanCandidate]) -> [SpanCandidate] {
        var furthestEnd: [Int: Int] = [:]
        var kept: [SpanCandidate] = []
        for candidate in candidates {
            let reached = furthestEnd.lazy.filter { $0.key <= candidate.creditedDocument }.map(\.value).max() ?? 0
            if candidate.end > reached { kept.append(candidate) }
            furthestEnd[candidate.creditedDocument] = max(furthestEnd[candidate.creditedDocument] ?? 0, candidate.end)
        }
        return kept
    }

    /// Step 4: how many output tokens each span is credited with.
    static func ownedTokenCounts(of spans: [SpanCandidate], outputCount: Int) -> [Int] {
        var owners = [Int](repeating: -1, count: outputCount)
        for (number, span) in spans.enumerated() {
            for position in span.match.start..<span.end where owners[position] < 0 || span.ownsBefore(spans[owners[position]]) {
                owners[position] = number
            }
        }
        var counts = [Int](repeating: 0, count: spans.count)
        for owner in owners where owner >= 0 { counts[owner] += 1 }
        return counts
    }

    /// Step 5: per-contribution scores, the top K, normalised.
    static func weights(for spans: [CreditedSpan], index: SpanIndex, parameters: SpanAttributionParameters) -> [AttributionWeight] {
        var scores: [Int: UInt64] = [:]
        for span in spans { scores[span.creditedDocument, default: 0] += span.weight }
        let top = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(parameters.contributionCountMax)
        let parts = PartsPerMillion.normalize(top.map(\.value))
        return zip(top, parts).compactMap { entry, part in
            part > 0 ? AttributionWeight(contributionID: index.documentID(at: entry.key), weightPPM: part) : nil
        }
    }
}
