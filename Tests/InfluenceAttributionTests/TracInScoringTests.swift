import InfluenceAttribution
import ModelFactory
import Testing
import TestSupport

/// TracIn against Σ_c η_c · g_k(θ_c) · v(θ_c) computed the obvious way.
@Suite("TracIn scoring")
struct TracInScoringTests {
    static func reference(_ checkpoints: [(GradientStore, QuantizedGradient)]) -> [Double] {
        var scores = [Double](repeating: 0, count: checkpoints[0].0.records.count)
        for (store, query) in checkpoints {
            let v = SyntheticStores.segments(of: query, store.projection).flatMap { $0 }
            for (k, record) in store.records.enumerated() {
                let g = SyntheticStores.segments(of: record.gradient, store.projection).flatMap { $0 }
                scores[k] += store.learningRate * zip(g, v).reduce(0.0) { $0 + $1.0 * $1.1 }
            }
        }
        return scores
    }

    @Test("scores over three checkpoints match the reference")
    func matchesReference() throws {
        var random = SeededGenerator.make(for: "TracIn reference")
        let layout = try SyntheticStores.layout()
        var checkpoints: [(GradientStore, QuantizedGradient)] = []
        for (step, rate) in [(10, 1e-3), (20, 5e-4), (30, 1e-4)] {
            let store = try SyntheticStores.store(layout: layout, count: 9, step: step, learningRate: rate, using: &random)
            checkpoints.append((store, SyntheticStores.gradient(store.projection, using: &random)))
        }
        let prepared = try checkpoints.map { (try InfluenceStore($0.0, layout: layout), $0.1) }
        let scores = try TracInScoring.scores(prepared)
        let expected = Self.reference(checkpoints)
        let size = expected.map(abs).max() ?? 1
        for (score, reference) in zip(scores, expected) { #expect(abs(score - reference) <= 1e-12 * size) }
    }

    @Test("stores of different examples are refused")
    func storeMismatch() throws {
        var random = SeededGenerator.make(for: "TracIn mismatch")
        let layout = try SyntheticStores.layout()
        let first = try SyntheticStores.store(layout: layout, count: 4, step: 1, using: &random)
        let second = try SyntheticStores.store(layout: layout, count: 4, step: 2, documentOf: { $0 + 1 }, using: &random)
        let query = SyntheticStores.gradient(first.projection, using: &random)
        do {
            _ = try TracInScoring.scores([(InfluenceStore(first, layout: layout), query),
                                          (InfluenceStore(second, layout: layout), query)])
            Issue.record("stores of different examples were scored together")
        } catch {
            #expect(error.kind == .storeMismatch)
        }
    }
}
