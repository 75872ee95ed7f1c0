import InfluenceAttribution
import LoRATraining
import ModelFactory
import Testing
import TestSupport

/// DataInf scores against a straightforward transcription of the formula (Kwon et al. 2024,
/// eq. 5 per layer) in Double, on random stores.
@Suite("DataInf scoring")
struct DataInfScoringTests {
    /// −I_k = Σ_l hvp_l · g_kl with hvp_l = (1/(nλ_l)) Σ_i [v_l − (v_l·g_il)/(λ_l + ‖g_il‖²) g_il],
    /// λ_l = 0.1 · mean_i mean_j g_ilj², written the obvious way.
    static func reference(query: QuantizedGradient, store: GradientStore) -> [Double] {
        let projection = store.projection
        let v = SyntheticStores.segments(of: query, projection)
        let g = store.records.map { SyntheticStores.segments(of: $0.gradient, projection) }
        let n = Double(g.count)
        var influence = [Double](repeating: 0, count: g.count)
        for l in v.indices {
            let dot = { (a: [Double], b: [Double]) in zip(a, b).reduce(0.0) { $0 + $1.0 * $1.1 } }
            let lambda = 0.1 * g.map { dot($0[l], $0[l]) / Double(v[l].count) }.reduce(0, +) / n
            var hvp = [Double](repeating: 0, count: v[l].count)
            for gi in g {
                let c = dot(v[l], gi[l]) / (lambda + dot(gi[l], gi[l]))
                for j in hvp.indices { hvp[j] += (v[l][j] - c * gi[l][j]) / (n * lambda) }
            }
            for k in g.indices { influence[k] -= dot(hvp, g[k][l]) }
        }
        return influence.map { -$0 }
    }

    @Test("scores match the reference transcription", arguments: [1, 2, 7, 40])
    func matchesReference(count: Int) throws {
        var random = SeededGenerator.make(for: "DataInf reference \(count)")
        let layout = try SyntheticStores.layout()
        let store = try SyntheticStores.store(layout: layout, count: count, using: &random)
        let query = SyntheticStores.gradient(store.projection, using: &random)
        let scores = try DataInfScoring.scores(of: query, in: InfluenceStore(store, layout: layout), dampingScale: 0.1)
        let expected = Self.reference(query: query, store: store)
        let size = expected.map(abs).max() ?? 1
        for (score, reference) in zip(scores, expected) {
            #expect(abs(score - reference) <= 1e-9 * size, "score \(score), reference \(reference)")
        }
    }

    @Test("an example equal to the query helps, its negation hurts")
    func sign() throws {
        var random = SeededGenerator.make(for: "DataInf sign")
        let layout = try SyntheticStores.layout()
        let store = try SyntheticStores.store(layout: layout, count: 12, using: &random)
        let query = SyntheticStores.gradient(store.projection, using: &random)
        let negated = QuantizedGradient(scales: query.scales, values: query.values.map { -$0 })
        let records = store.records + [
            GradientStoreRecord(contentHash: SyntheticStores.contentHash(100), exampleIndex: 12, gradient: query),
            GradientStoreRecord(contentHash: SyntheticStores.contentHash(101), exampleIndex: 13, gradient: negated),
        ]
        let planted = GradientStore(projection: store.projection, step: 1, learningRate: 0, records: records)
        let scores = try DataInfScoring.scores(of: query, in: InfluenceStore(planted, layout: layout), dampingScale: 0.1)
        #expect(scores[12] > 0)
        #expect(scores[13] < 0)
        // A score is linear in the example's gradient (the preconditioned query is shared), so
        // the negation scores exactly the opposite. Being the query does not make an example
        // the top scorer: DataInf divides by each example's own norm, so a larger random
        // example partly aligned with the query may score more.
        #expect(abs(scores[12] + scores[13]) <= 1e-12 * abs(scores[12]))
    }

    @Test("the same inputs give bit-identical scores, also from a re-decoded store")
    func deterministic() throws {
        var random = SeededGenerator.make(for: "DataInf determinism")
        let layout = try SyntheticStores.layout()
        let store = try SyntheticStores.store(layout: layout, count: 30, using: &random)
        let query = SyntheticStores.gradient(store.projection, using: &random)
        let first = try DataInfScoring.scores(of: query, in: InfluenceStore(store, layout: layout), dampingScale: 0.1)
        let decoded = try GradientStore(decoding: store.serialized())
        let second = try DataInfScoring.scores(of: query, in: InfluenceStore(decoded, layout: layout), dampingScale: 0.1)
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
    }

    @Test("a query of another dimension is refused")
    func dimensionMismatch() throws {
        var random = SeededGenerator.make(for: "DataInf dimension")
        let layout = try SyntheticStores.layout()
        let store = try SyntheticStores.store(layout: layout, count: 3, using: &random)
        let other = try GradientProjection(layout: layout, dimension: 48, seed: 9)
        let query = SyntheticStores.gradient(other, using: &random)
        #expect(throws: InfluenceError.self) {
            _ = try DataInfScoring.scores(of: query, in: InfluenceStore(store, layout: layout), dampingScale: 0.1)
        }
        do {
            _ = try DataInfScoring.scores(of: query, in: InfluenceStore(store, layout: layout), dampingScale: 0.1)
        } catch {
            #expect(error.kind == .dimensionMismatch)
        }
    }

    @Test("a segment the query does not reach contributes nothing")
    func zeroSegment() throws {
        var random = SeededGenerator.make(for: "DataInf zero segment")
        let layout = try SyntheticStores.layout()
        let store = try SyntheticStores.store(layout: layout, count: 5, using: &random)
        let query = SyntheticStores.gradient(store.projection, using: &random)
        let sizes = store.projection.outputSizes
        var values = query.values, scales = query.scales
        for index in 0..<sizes[0] { values[index] = 0 }
        scales[0] = 0
        let silenced = QuantizedGradient(scales: scales, values: values)
        let scores = try DataInfScoring.scores(of: silenced, in: InfluenceStore(store, layout: layout), dampingScale: 0.1)
        let expected = Self.reference(query: silenced, store: store)
        for (score, reference) in zip(scores, expected) { #expect(abs(score - reference) <= 1e-9 * abs(reference) + 1e-12) }
    }
}
