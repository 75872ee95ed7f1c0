import Foundation
import LoRATraining
import ModelFiles
import OpenLoRA
import Tensor
import Testing

/// A tiny model's rope layout, output tying and weight type.
struct TinyCase: Sendable, CustomStringConvertible {
    let rope: RopeLayout
    let tied: Bool
    var type: GGMLType = .f32
    var description: String { "\(rope), \(tied ? "tied" : "untied"), \(type.name)" }

    var configuration: LlamaConfiguration {
        TinyTrainingModel.configuration(rope: rope, tied: tied, width: type == .f32 ? 16 : 32)
    }
}

@Suite("LoRAGradientEngine")
struct LoRAGradientEngineTests {
    static let floatCases = [TinyCase(rope: .halves, tied: false), TinyCase(rope: .halves, tied: true),
                             TinyCase(rope: .interleaved, tied: false), TinyCase(rope: .interleaved, tied: true)]
    static let quantizedCases = [GGMLType.q8_0, .q4_0, .q4_1, .f16, .bf16].map {
        TinyCase(rope: .interleaved, tied: $0 == .q4_1, type: $0)
    }

    /// A sample of entries of every segment: two of A and two of B.
    static func sampledIndices(_ layout: LoRAParameterLayout) -> [Int] {
        var random = RandomSource(seed: 17)
        let rank = layout.configuration.rank
        return layout.segments.flatMap { segment in
            let aCount = segment.bOffset - segment.aOffset, bCount = segment.outputs * rank
            return (0..<2).map { _ in segment.aOffset + Int(random.next() % UInt64(aCount)) }
                + (0..<2).map { _ in segment.bOffset + Int(random.next() % UInt64(bCount)) }
        }
    }

    /// Analytic against central differences of the loss (with `dropout`, the same mask for every
    /// evaluation): |analytic − numeric| ≤ 2·10⁻³ + 3·10⁻²·|numeric| per entry, and the
    /// sampled vectors within 1 % of each other in norm. Float32 loss sums of ~20 nats leave
    /// ~10⁻³ of rounding in each difference quotient at step 5·10⁻³.
    static func checkGradient(_ model: LlamaModel, _ layout: LoRAParameterLayout, dropout: Double = 0,
                              sequence: TrainingSequence = TinyTrainingModel.sequence) throws {
        let engine = try LoRAGradientEngine(model: model, layout: layout, dropout: dropout, sequenceLengthMaximum: 16)
        let parameters = TinyTrainingModel.parameters(layout, seed: 5)
        var gradient = [Float](repeating: 0, count: layout.parameterCount)
        _ = try engine.accumulateGradient(of: sequence, parameters: parameters, dropoutSeed: 99, into: &gradient)
        var errorSquares = 0.0, referenceSquares = 0.0
        for index in sampledIndices(layout) {
            let numeric = try fourPointDifference(engine, sequence, parameters, index: index)
            let analytic = Double(gradient[index])
            #expect(abs(analytic - numeric) <= 2e-3 + 3e-2 * abs(numeric), "entry \(index): \(analytic) vs \(numeric)")
            errorSquares += (analytic - numeric) * (analytic - numeric)
            referenceSquares += numeric * numeric
        }
        #expect(referenceSquares > 0)
        #expect((errorSquares / referenceSquares).squareRoot() <= 1e-2)
    }

    /// ∂loss/∂θ[index] by the fourth-order central stencil
    /// (8(f(h) − f(−h)) − (f(2h) − f(−2h))) / 12h, h = 5·10⁻³.
    private static func fourPointDifference(_ engine: LoRAGradientEngine, _ sequence: TrainingSequence,
                                            _ parameters: [Float], index: Int) throws -> Double {
        let step: Float = 5e-3
        var values: [Double] = []
        for multiple: Float in [1, -1, 2, -2] {
            var shifted = parameters
            shifted[index] = parameters[index] + multiple * step
            values.append(try lossWithDropout(engine, sequence, shifted))
        }
        return (8 * (values[0] - values[1]) - (values[2] - values[3])) / (12 * Double(step))
    }

    /// The loss `accumulateGradient` reports with the engine's dropout and seed 99.
    private static func lossWithDropout(_ engine: LoRAGradientEngine, _ sequence: TrainingSequence,
                                        _ parameters: [Float]) throws -> Double {
        guard engine.dropout > 0 else { return try engine.loss(of: sequence, parameters: parameters).total }
        var scratch = [Float](repeating: 0, count: engine.parameterCount)
        return try engine.accumulateGradient(of: sequence, parameters: parameters, dropoutSeed: 99,
                                             into: &scratch).total
    }

    @Test("gradients match central differences", arguments: floatCases + quantizedCases)
    func gradientMatchesFiniteDifferences(_ tiny: TinyCase) throws {
        let model = try TinyTrainingModel.make(tiny.configuration, seed: 3, type: tiny.type)
        try Self.checkGradient(model, try TinyTrainingModel.layout(tiny.configuration))
    }

    @Test("gradients with dropout match central differences of the same masks")
    func gradientWithDropoutMatchesFiniteDifferences() throws {
        let configuration = TinyTrainingModel.configuration(rope: .interleaved, tied: false)
        let model = try TinyTrainingModel.make(configuration, seed: 4)
        try Self.checkGradient(model, try TinyTrainingModel.layout(configuration, rankStabilized: true), dropout: 0.25)
    }

    /// The engine's loss against OpenLoRA's inference forward pass with the same adapter:
    /// within 10⁻⁴ relative (different summation orders in Float32).
    @Test("the loss equals OpenLoRA's forward pass with the adapter", arguments: floatCases + quantizedCases)
    func lossMatchesInferenceForward(_ tiny: TinyCase) throws {
        let model = try TinyTrainingModel.make(tiny.configuration, seed: 3, type: tiny.type)
        let layout = try TinyTrainingModel.layout(tiny.configuration)
        let parameters = TinyTrainingModel.parameters(layout, seed: 5)
        let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: 16)
        let sequence = TinyTrainingModel.sequence
        let ours = try engine.loss(of: sequence, parameters: parameters)
        let reference = try Self.referenceLoss(model, adapter: layout.adapter(parameters), sequence)
        #expect(ours.targetCount == sequence.targetCount)
        #expect(abs(ours.total - reference) <= 1e-4 * abs(reference), "\(ours.total) vs \(reference)")
    }

    /// Σ −log softmax(logits[i − 1])[token i] over targets, from `forward(..., logits: .all)`.
    static func referenceLoss(_ model: LlamaModel, adapter: LoRAAdapter?, _ sequence: TrainingSequence) throws
        -> Double {
        let n = sequence.tokens.count, vocabulary = model.configuration.vocabularySize
        let logits = try model.forward(sequence.tokens, state: model.makeState(contextCapacity: n), adapter: adapter,
                                       logits: .all)
        var total = 0.0
        for index in 1..<n where sequence.targetMask[index] {
            let row = logits.scalars[((index - 1) * vocabulary)..<(index * vocabulary)].map(Double.init)
            let maximum = row.max()!
            let logSumExp = maximum + log(row.reduce(0) { $0 + exp($1 - maximum) })
            total += logSumExp - row[sequence.tokens[index]]
        }
        return total
    }

    @Test("repeated calls give bit-identical gradients, also from a second engine")
    func repeatsAreBitIdentical() throws {
        let configuration = TinyTrainingModel.configuration(rope: .interleaved, tied: true)
        let model = try TinyTrainingModel.make(configuration, seed: 8)
        let layout = try TinyTrainingModel.layout(configuration)
        let parameters = TinyTrainingModel.parameters(layout, seed: 9)
        var results: [([Float], LossSum)] = []
        for _ in 0..<2 {
            let engine = try LoRAGradientEngine(model: model, layout: layout, dropout: 0.1, sequenceLengthMaximum: 16)
            for _ in 0..<2 {
                var gradient = [Float](repeating: 0, count: layout.parameterCount)
                let loss = try engine.accumulateGradient(of: TinyTrainingModel.sequence, parameters: parameters,
                                                         dropoutSeed: 7, into: &gradient)
                results.append((gradient, loss))
            }
        }
        for result in results.dropFirst() {
            #expect(result.0.map(\.bitPattern) == results[0].0.map(\.bitPattern))
            #expect(result.1 == results[0].1)
        }
    }
}
