import Attribution

/// From per-example scores to a receipt's weights:
///
/// 1. keep the examples whose score is above zero (only helping examples earn);
/// 2. sum them per document (content hash), in record order;
/// 3. near duplicates: a document that `representatives` maps to another (its cluster's
///    earliest member, as NearDuplicateClustering names it) is credited to that one, and a
///    cluster scores the largest of its members' sums, once: copies by sybil accounts neither
///    multiply a text's credit nor take it from its first contributor;
/// 4. sort by score, descending (ties: smaller content hash first), keep the top K;
/// 5. scale to integers ⌊s / s_max · 2⁴⁰⌋, drop zeros, normalise with PartsPerMillion,
///    drop zero parts.
public enum InfluenceCredit {
    /// Steps 1–4 without the top-K cut: every credited contribution, best first.
    public static func contributionScores(exampleScores: [Double], contentHashes: [[UInt8]],
                                          representatives: [[UInt8]: [UInt8]]) -> [ContributionScore] {
        precondition(exampleScores.count == contentHashes.count, "one score per example")
        var documentOrder: [[UInt8]] = []
        var documentSums: [[UInt8]: Double] = [:]
        for (score, hash) in zip(exampleScores, contentHashes) where score > 0 {
            if documentSums[hash] == nil { documentOrder.append(hash) }
            documentSums[hash, default: 0] += score
        }
        var clusterScores: [[UInt8]: Double] = [:]
        for hash in documentOrder {
            let credited = representatives[hash] ?? hash
            clusterScores[credited] = max(clusterScores[credited] ?? 0, documentSums[hash]!)  // every key was summed
        }
        return clusterScores.map { ContributionScore(contributionID: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.contributionID.lexicographicallyPrecedes($1.contributionID) }
    }

    /// Step 5 on the first `contributionCountMax` of `scores` (best first, all positive and
    /// finite: programmer error otherwise).
    public static func weights(for scores: [ContributionScore], contributionCountMax: Int) -> [AttributionWeight] {
        let top = Array(scores.prefix(contributionCountMax))
        precondition(top.allSatisfy { $0.score.isFinite && $0.score > 0 }, "scores are positive and finite")
        precondition(zip(top, top.dropFirst()).allSatisfy { $0.score >= $1.score }, "scores are sorted, best first")
        guard let best = top.first?.score, best > 0 else { return [] }
        let unit = Double(UInt64(1) << UInt64(InfluenceParameters.scoreBits))
        let scaled = top.compactMap { entry -> (id: [UInt8], value: UInt64)? in
            let value = UInt64((entry.score / best * unit).rounded(.down))
            return value > 0 ? (entry.contributionID, value) : nil
        }
        let parts = PartsPerMillion.normalize(scaled.map(\.value))
        return zip(scaled, parts).compactMap { entry, part in
            part > 0 ? AttributionWeight(contributionID: entry.id, weightPPM: part) : nil
        }
    }
}
