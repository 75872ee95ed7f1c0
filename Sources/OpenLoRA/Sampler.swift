#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chooses tokens from logits with `SamplingParameters` and its own seeded generator: the
/// same parameters, logits and history give the same choices.
public struct Sampler: Sendable {
    /// The parameters.
    public let parameters: SamplingParameters
    private var random: RandomSource

    /// A sampler; throws for parameters outside their ranges.
    public init(_ parameters: SamplingParameters) throws(OpenLoRAError) {
        try parameters.validate()
        self.parameters = parameters
        random = RandomSource(seed: parameters.seed)
    }

    /// The next token for `logits` (one per vocabulary entry), given the tokens of the
    /// sequence so far (`history`, for the repetition penalty; ids outside the vocabulary are
    /// ignored).
    public mutating func sample(_ logits: [Float], history: [Int] = []) -> Int {
        logits.withUnsafeBufferPointer { sample($0, history: history) }
    }

    /// The next token for `logits`, as `sample(_:history:)` on an array.
    public mutating func sample(_ logits: UnsafeBufferPointer<Float>, history: [Int]) -> Int {
        precondition(!logits.isEmpty, "no logits to sample from")
        var values = Array(logits)
        penalize(&values, history: history)
        if parameters.isGreedy { return Self.argmax(values) }
        let candidates = nucleus(of: values)
        let draw = random.nextUnitInterval() * candidates[candidates.count - 1].cumulative
        return candidates.first { draw < $0.cumulative }?.token ?? candidates[candidates.count - 1].token
    }

    private func penalize(_ values: inout [Float], history: [Int]) {
        let penalty = parameters.repetitionPenalty
        guard penalty != 1 else { return }
        for token in Set(history) where token >= 0 && token < values.count {
            values[token] = values[token] > 0 ? values[token] / penalty : values[token] * penalty
        }
    }

    /// The index of the largest value; the lowest index among equals.
    static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for index in values.indices where values[index] > values[best] { best = index }
        return best
    }

    /// The tokens that survive temperature, top-k and top-p, most likely first (ties: lower
    /// id first), with the running sum of their probabilities after temperature and top-k.
    func nucleus(of values: [Float]) -> [(token: Int, cumulative: Double)] {
        let inverseTemperature = 1 / Double(parameters.temperature)
        var order = Array(values.indices)
        order.sort { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        if parameters.topK > 0 && parameters.topK < order.count { order.removeSubrange(parameters.topK...) }
        let maximum = Double(values[order[0]])
        let weights = order.map { exp((Double(values[$0]) - maximum) * inverseTemperature) }
        let total = weights.reduce(0, +)
        var kept: [(token: Int, cumulative: Double)] = []
        var cumulative = 0.0
        for (token, weight) in zip(order, weights) {
            cumulative += weight
            kept.append((token, cumulative))
            if cumulative >= Double(parameters.topP) * total { break }
        }
        return kept
    }
}
