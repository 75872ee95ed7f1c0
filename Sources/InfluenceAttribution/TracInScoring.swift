import ModelFactory

/// TracIn (Pruthi et al., 2020) over checkpoints c: score_k = Σ_c η_c · g_k(θ_c) · v(θ_c), with
/// η_c the learning rate the store records for its step and v(θ_c) the query gradient at
/// that step's parameters. A gradient step on example k at θ_c lowers the query's loss by
/// about η_c · g_k · v, so a positive score means the example made the output more likely.
/// Dot products are exact Int64 sums of levels per segment times the two scales, summed over
/// segments, then over checkpoints, in order.
public enum TracInScoring {
    /// Every record's score, in record order. `checkpoints` pairs each store with the query
    /// gradient at its step; the stores must hold the same examples (content hash and index)
    /// in the same order. Throws `.storeMismatch`, `.dimensionMismatch` or `.nonFiniteValue`.
    public static func scores(_ checkpoints: [(store: InfluenceStore, query: QuantizedGradient)])
        throws(InfluenceError) -> [Double] {
        guard let first = checkpoints.first?.store else {
            throw InfluenceError(.invalidCheckpoints, "TracIn needs at least one checkpoint")
        }
        for (store, query) in checkpoints {
            try store.requireShape(of: query)
            guard store.exampleCount == first.exampleCount,
                  zip(store.store.records, first.store.records).allSatisfy({
                      $0.contentHash == $1.contentHash && $0.exampleIndex == $1.exampleIndex }) else {
                throw InfluenceError(.storeMismatch, "the stores of steps \(first.store.step) and \(store.store.step) "
                                     + "do not hold the same examples in the same order: they are from different jobs")
            }
        }
        var scores = [Double](repeating: 0, count: first.exampleCount)
        for (store, query) in checkpoints {
            let rate = store.store.learningRate
            let dots = DataInfScoring.queryDots(query, records: store.store.records, store: store)
            for (index, record) in store.store.records.enumerated() {
                var product = 0.0
                for segment in 0..<store.segmentCount {
                    let dot = Double(dots[index * store.segmentCount + segment])
                    product += dot * Double(record.gradient.scales[segment]) * Double(query.scales[segment])
                }
                scores[index] += rate * product
            }
        }
        guard scores.allSatisfy(\.isFinite) else {
            throw InfluenceError(.nonFiniteValue, "a TracIn score is not finite (the store's scales are out of range)")
        }
        return scores
    }
}
