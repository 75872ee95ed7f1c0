import Foundation
import Testing
import OpenLoRA
import TestSupport

/// Sampler properties on seeded random logits.
@Suite struct SamplerTests {
    static func logits(_ count: Int, _ name: String) -> [Float] {
        var generator = SeededGenerator.make(for: name)
        return (0..<count).map { _ in Float.random(in: -4...4, using: &generator) }
    }

    static func ranked(_ logits: [Float]) -> [Int] {
        logits.indices.sorted { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
    }

    @Test func greedyPicksTheLargestLogit() throws {
        for round in 0..<20 {
            let logits = Self.logits(100, "Sampler.greedy.\(round)")
            var sampler = try Sampler(.greedy)
            #expect(sampler.sample(logits) == Self.ranked(logits)[0])
            var topOne = try Sampler(SamplingParameters(temperature: 1, topK: 1, seed: UInt64(round)))
            #expect(topOne.sample(logits) == Self.ranked(logits)[0])
        }
        var ties = try Sampler(.greedy)
        #expect(ties.sample([1, 3, 3, 2]) == 1)
    }

    @Test(arguments: [1, 3, 10])
    func topKNeverLeavesTheKBest(_ k: Int) throws {
        let logits = Self.logits(64, "Sampler.topK.\(k)")
        let allowed = Set(Self.ranked(logits).prefix(k))
        var sampler = try Sampler(SamplingParameters(temperature: 2, topK: k, seed: 11))
        var seen = Set<Int>()
        for _ in 0..<2_000 { seen.insert(sampler.sample(logits)) }
        #expect(seen.isSubset(of: allowed))
        #expect(seen.count == k)  // with temperature 2 every kept token is drawn in 2,000 tries
    }

    /// Top-p keeps the smallest prefix of the ranking whose probability reaches p.
    @Test(arguments: [Float(0.3), 0.6, 0.9])
    func topPKeepsTheNucleus(_ p: Float) throws {
        let logits = Self.logits(32, "Sampler.topP.\(p)")
        let order = Self.ranked(logits)
        let weights = order.map { exp(Double(logits[$0]) - Double(logits[order[0]])) }
        let total = weights.reduce(0, +)
        var cumulative = 0.0, nucleus = Set<Int>()
        for (token, weight) in zip(order, weights) {
            nucleus.insert(token)
            cumulative += weight
            if cumulative >= Double(p) * total { break }
        }
        var sampler = try Sampler(SamplingParameters(temperature: 1, topP: p, seed: 3))
        var seen = Set<Int>()
        for _ in 0..<3_000 { seen.insert(sampler.sample(logits)) }
        #expect(seen.isSubset(of: nucleus))
        #expect(seen == nucleus)
    }

    /// Frequencies follow softmax(logits / T) within 3 standard errors.
    @Test func drawsFollowTheTemperedDistribution() throws {
        let logits: [Float] = [2, 1, 0, -1]
        let temperature: Float = 0.7
        var sampler = try Sampler(SamplingParameters(temperature: temperature, seed: 99))
        let draws = 20_000
        var counts = [Int](repeating: 0, count: logits.count)
        for _ in 0..<draws { counts[sampler.sample(logits)] += 1 }
        let weights = logits.map { exp(Double($0 / temperature)) }
        for (token, weight) in weights.enumerated() {
            let probability = weight / weights.reduce(0, +)
            let standardError = (probability * (1 - probability) / Double(draws)).squareRoot()
            #expect(abs(Double(counts[token]) / Double(draws) - probability) < 3 * standardError + 1e-9)
        }
    }

    @Test func sameSeedSameChoices() throws {
        let logits = Self.logits(200, "Sampler.seed")
        let parameters = SamplingParameters(temperature: 1.2, topK: 50, topP: 0.95, repetitionPenalty: 1.1,
                                            seed: 12_345)
        func run(_ parameters: SamplingParameters) throws -> [Int] {
            var sampler = try Sampler(parameters)
            return (0..<200).map { _ in sampler.sample(logits, history: [1, 2, 3]) }
        }
        #expect(try run(parameters) == run(parameters))
        var other = parameters
        other.seed = 12_346
        #expect(try run(parameters) != run(other))
    }

    /// Hugging Face's penalty: positive logits divided, negative multiplied, each seen token once.
    @Test func repetitionPenaltyFollowsHuggingFace() throws {
        var sampler = try Sampler(SamplingParameters(repetitionPenalty: 2))
        #expect(sampler.sample([3.0, 2.0, 1.0], history: [0, 0]) == 1)  // 3 / 2 = 1.5 < 2
        #expect(sampler.sample([-1.0, -0.6, -1.5], history: [1]) == 0)  // -0.6 · 2 = -1.2 < -1
        #expect(sampler.sample([1.0, 0.0], history: [7, -1]) == 0)  // ids outside the vocabulary ignored
    }

    @Test func refusesParametersOutOfRange() {
        for bad in [SamplingParameters(temperature: -1), SamplingParameters(topK: -1), SamplingParameters(topP: 0),
                    SamplingParameters(topP: 1.5), SamplingParameters(repetitionPenalty: 0),
                    SamplingParameters(temperature: .nan)] {
            #expect { try Sampler(bad) } throws: { ($0 as? OpenLoRAError)?.kind == .invalidOptions }
        }
    }
}
