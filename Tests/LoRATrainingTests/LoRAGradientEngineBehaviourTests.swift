import LoRATraining
import OpenLoRA
import Tensor
import Testing

@Suite("LoRAGradientEngine dropout and inputs")
struct LoRAGradientEngineBehaviourTests {
    let configuration = TinyTrainingModel.configuration(rope: .halves, tied: false)

    private func fixture(dropout: Double) throws -> (LoRAGradientEngine, [Float]) {
        let model = try TinyTrainingModel.make(configuration, seed: 21)
        let layout = try TinyTrainingModel.layout(configuration)
        let engine = try LoRAGradientEngine(model: model, layout: layout, dropout: dropout, sequenceLengthMaximum: 16)
        return (engine, TinyTrainingModel.parameters(layout, seed: 22))
    }

    private func gradient(_ engine: LoRAGradientEngine, _ parameters: [Float], seed: UInt64) throws
        -> ([Float], LossSum) {
        var gradient = [Float](repeating: 0, count: engine.parameterCount)
        let loss = try engine.accumulateGradient(of: TinyTrainingModel.sequence, parameters: parameters,
                                                 dropoutSeed: seed, into: &gradient)
        return (gradient, loss)
    }

    @Test("dropout is reproducible per seed and differs between seeds")
    func dropoutIsSeeded() throws {
        let (engine, parameters) = try fixture(dropout: 0.3)
        let first = try gradient(engine, parameters, seed: 1), again = try gradient(engine, parameters, seed: 1)
        let other = try gradient(engine, parameters, seed: 2)
        #expect(first.0 == again.0 && first.1 == again.1)
        #expect(first.0 != other.0 && first.1 != other.1)
        // loss(of:) never drops out: it equals the loss of an engine without dropout.
        let (plain, _) = try fixture(dropout: 0)
        #expect(try engine.loss(of: TinyTrainingModel.sequence, parameters: parameters)
                == plain.loss(of: TinyTrainingModel.sequence, parameters: parameters))
    }

    @Test("without dropout the seed is ignored and the training loss is the evaluation loss")
    func zeroDropoutIsNoDropout() throws {
        let (engine, parameters) = try fixture(dropout: 0)
        let first = try gradient(engine, parameters, seed: 1), second = try gradient(engine, parameters, seed: 2)
        #expect(first.0 == second.0 && first.1 == second.1)
        #expect(first.1 == (try engine.loss(of: TinyTrainingModel.sequence, parameters: parameters)))
    }

    @Test("gradients accumulate: two calls add up to twice one")
    func gradientsAccumulate() throws {
        let (engine, parameters) = try fixture(dropout: 0)
        var twice = [Float](repeating: 0, count: engine.parameterCount)
        for _ in 0..<2 {
            _ = try engine.accumulateGradient(of: TinyTrainingModel.sequence, parameters: parameters, dropoutSeed: 0,
                                              into: &twice)
        }
        let once = try gradient(engine, parameters, seed: 0).0
        #expect(twice == once.map { $0 + $0 })
    }

    @Test("a sequence without targets has zero loss and adds nothing")
    func noTargets() throws {
        let (engine, parameters) = try fixture(dropout: 0)
        let sequence = TrainingSequence(tokens: [3, 4, 5], targetMask: [false, false, false])
        var gradient = [Float](repeating: 0, count: engine.parameterCount)
        let loss = try engine.accumulateGradient(of: sequence, parameters: parameters, dropoutSeed: 0, into: &gradient)
        #expect(loss == LossSum())
        #expect(gradient.allSatisfy { $0 == 0 })
    }

    @Test("bad sequences and vectors are typed errors and leave the gradient unchanged")
    func badInputs() throws {
        let (engine, parameters) = try fixture(dropout: 0)
        let cases: [(TrainingSequence, [Float], LoRATrainingError.Kind)] = [
            (TrainingSequence(tokens: []), parameters, .emptySequence),
            (TrainingSequence(tokens: Array(repeating: 1, count: 17)), parameters, .sequenceTooLong),
            (TrainingSequence(tokens: [1, 32]), parameters, .tokenOutOfRange),
            (TrainingSequence(tokens: [-1, 2]), parameters, .tokenOutOfRange),
            (TinyTrainingModel.sequence, Array(parameters.dropLast()), .parameterCountMismatch),
        ]
        for (sequence, vector, kind) in cases {
            var gradient = [Float](repeating: 0.5, count: engine.parameterCount)
            #expect(throws: LoRATrainingError.self) {
                _ = try engine.accumulateGradient(of: sequence, parameters: vector, dropoutSeed: 0, into: &gradient)
            }
            #expect(gradient.allSatisfy { $0 == 0.5 })
            do {
                _ = try engine.loss(of: sequence, parameters: vector)
                Issue.record("no error for \(kind)")
            } catch {
                #expect(error.kind == kind)
            }
        }
        var short = [Float](repeating: 0, count: 3)
        #expect(throws: LoRATrainingError(.parameterCountMismatch, "the gradient has 3 values; the layout has "
                                          + "\(engine.parameterCount) parameters")) {
            _ = try engine.accumulateGradient(of: TinyTrainingModel.sequence, parameters: parameters, dropoutSeed: 0,
                                              into: &short)
        }
    }

    @Test("bad settings and another base's layout are refused", arguments: [
        (-0.1, 16), (1.0, 16), (Double.nan, 16), (0, 0), (0, 65),
    ])
    func badSettings(_ dropout: Double, _ length: Int) throws {
        let model = try TinyTrainingModel.make(configuration, seed: 21)
        let layout = try TinyTrainingModel.layout(configuration)
        do {
            _ = try LoRAGradientEngine(model: model, layout: layout, dropout: dropout, sequenceLengthMaximum: length)
            Issue.record("accepted dropout \(dropout), length \(length)")
        } catch {
            #expect(error.kind == .invalidSetting)
        }
    }

    @Test("a layout for another base is refused")
    func incompatibleLayout() throws {
        let model = try TinyTrainingModel.make(configuration, seed: 21)
        let other = try TinyTrainingModel.layout(TinyTrainingModel.configuration(rope: .halves, tied: false, width: 32))
        do {
            _ = try LoRAGradientEngine(model: model, layout: other, sequenceLengthMaximum: 8)
            Issue.record("accepted another base's layout")
        } catch {
            #expect(error.kind == .incompatibleLayout)
        }
    }
}
