import ModelFactory

/// DataInf (Kwon et al., ICLR 2024) per LoRA module segment l, on the store's n projected
/// example gradients g_il and the query gradient v_l:
///
///     λ_l   = dampingScale · (1/n) Σ_i ‖g_il‖² / k_l
///     c_il  = (v_l · g_il) / (λ_l + ‖g_il‖²)
///     hvp_l = (1/(n λ_l)) Σ_i [v_l − c_il · g_il]          ≈ (G_l + λ_l I)⁻¹ v_l
///     I_k   = −Σ_l hvp_l · g_kl
///
/// DataInf's I_k follows Koh and Liang: it estimates how the query's loss changes when
/// example k is up-weighted, so a negative value means the example helps. The score here is
/// −I_k = Σ_l hvp_l · g_kl: positive when the example made the output more likely.
///
/// Computed as hvp_l · g_kl = (n (v_l·g_kl) − w_l·g_kl) / (n λ_l) with w_l = Σ_i c_il g_il:
/// three passes over the levels, O(n·k). Dot products of levels are exact Int64 sums; the rest
/// is Double in a fixed order (see the module overview). A segment whose λ_l or query scale
/// is zero (no gradient reaches it) contributes nothing.
public enum DataInfScoring {
    /// Every record's score, in record order. Throws `.dimensionMismatch` for a query of
    /// another shape and `.nonFiniteValue` when a score overflows.
    public static func scores(of query: QuantizedGradient, in store: InfluenceStore,
                              dampingScale: Double) throws(InfluenceError) -> [Double] {
        try store.requireShape(of: query)
        let records = store.store.records
        let n = records.count, segmentCount = store.segmentCount
        let queryDots = self.queryDots(query, records: records, store: store)
        var scores = [Double](repeating: 0, count: n)
        for segment in 0..<segmentCount {
            let queryScale = Double(query.scales[segment])
            let range = store.segmentRanges[segment]
            let damping = dampingScale * (store.squaredNormSums[segment] / (Double(n) * Double(range.count)))
            guard damping > 0, queryScale > 0 else { continue }
            var queryProducts = [Double](repeating: 0, count: n)  // v_l · g_il
            var coefficients = [Double](repeating: 0, count: n)   // c_il · σ_il
            for index in 0..<n {
                let scale = Double(records[index].gradient.scales[segment])
                queryProducts[index] = Double(queryDots[index * segmentCount + segment]) * scale * queryScale
                let norm = store.squaredNorms[index * segmentCount + segment]
                coefficients[index] = queryProducts[index] / (damping + norm) * scale
            }
            let weighted = weightedSum(records, coefficients: coefficients, range: range)
            let denominator = Double(n) * damping
            for index in 0..<n {
                let scale = Double(records[index].gradient.scales[segment])
                let product = records[index].gradient.values.withUnsafeBufferPointer { levels in
                    dot(weighted, levels, range) * scale
                }
                scores[index] += (Double(n) * queryProducts[index] - product) / denominator
            }
        }
        guard scores.allSatisfy(\.isFinite) else {
            throw InfluenceError(.nonFiniteValue, "a DataInf score is not finite (the store's scales are out of range)")
        }
        return scores
    }

    /// Σ_j v_lj · q_ilj in levels, exact: record-major, `[i * S + l]`.
    static func queryDots(_ query: QuantizedGradient, records: [GradientStoreRecord], store: InfluenceStore) -> [Int64] {
        var dots: [Int64] = []
        dots.reserveCapacity(records.count * store.segmentCount)
        query.values.withUnsafeBufferPointer { queryLevels in
            for record in records {
                record.gradient.values.withUnsafeBufferPointer { levels in
                    for range in store.segmentRanges {
                        dots.append(InfluenceStore.levelDot(queryLevels, levels, range))
                    }
                }
            }
        }
        return dots
    }

    /// w_l = Σ_i coefficients[i] · q_il, accumulated in record order per coordinate.
    static func weightedSum(_ records: [GradientStoreRecord], coefficients: [Double], range: Range<Int>) -> [Double] {
        var sum = [Double](repeating: 0, count: range.count)
        sum.withUnsafeMutableBufferPointer { destination in
            for (record, coefficient) in zip(records, coefficients) where coefficient != 0 {
                record.gradient.values.withUnsafeBufferPointer { levels in
                    let base = levels.baseAddress! + range.lowerBound
                    for offset in 0..<range.count {
                        destination[offset] += coefficient * Double(base[offset])
                    }
                }
            }
        }
        return sum
    }

    /// Σ_j weighted[j] · q_j over the segment, in coordinate order.
    static func dot(_ weighted: [Double], _ levels: UnsafeBufferPointer<Int16>, _ range: Range<Int>) -> Double {
        weighted.withUnsafeBufferPointer { values in
            let base = levels.baseAddress! + range.lowerBound
            var sum = 0.0
            for offset in 0..<range.count { sum += values[offset] * Double(base[offset]) }
            return sum
        }
    }
}
