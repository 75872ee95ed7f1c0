import LoRATraining

/// A test partner, not code under test: a bigram softmax model over token classes
/// (token id mod `classCount`), θ = the classCount × classCount logit table, with its exact
/// gradient. loss = −log softmax(θ[prev])[next]; ∂/∂θ[prev][j] = softmax_j − 1{j = next}.
final class BigramObjective: TrainingObjective {
    let classCount: Int
    /// Calls of `accumulateGradient` so far.
    private(set) var gradientCallCount = 0
    /// When set, the loss of this call (0-based) is NaN.
    var poisonedCall: Int?

    init(classCount: Int) {
        self.classCount = classCount
    }

    var parameterCount: Int { classCount * classCount }

    func accumulateGradient(of sequence: TrainingSequence, parameters: [Float], dropoutSeed: UInt64?,
                            into gradient: inout [Float]) throws -> LossSum {
        defer { gradientCallCount += 1 }
        var sum = LossSum()
        for index in sequence.tokens.indices where sequence.targetMask[index] {
            let row = (sequence.tokens[index - 1] % classCount) * classCount
            let target = sequence.tokens[index] % classCount
            let probabilities = softmax(parameters[row..<(row + classCount)])
            sum.total -= Double(probabilities[target]).logIfPositive
            sum.targetCount += 1
            for column in 0..<classCount {
                gradient[row + column] += probabilities[column] - (column == target ? 1 : 0)
            }
        }
        if gradientCallCount == poisonedCall { sum.total = .nan }
        return sum
    }

    func loss(of sequence: TrainingSequence, parameters: [Float]) throws -> LossSum {
        var sum = LossSum()
        for index in sequence.tokens.indices where sequence.targetMask[index] {
            let row = (sequence.tokens[index - 1] % classCount) * classCount
            let probabilities = softmax(parameters[row..<(row + classCount)])
            sum.total -= Double(probabilities[sequence.tokens[index] % classCount]).logIfPositive
            sum.targetCount += 1
        }
        return sum
    }

    private func softmax(_ logits: ArraySlice<Float>) -> [Float] {
        let largest = logits.max() ?? 0
        let exponentials = logits.map { Double($0 - largest).exponential }
        let total = exponentials.reduce(0, +)
        return exponentials.map { Float($0 / total) }
    }
}

extension Double {
    var exponential: Double { Foundation.exp(self) }
    var logIfPositive: Double { Foundation.log(Swift.max(self, 1e-300)) }
}

import Foundation
