import Testing
import LoRATraining
@testable import ModelFactory

/// The loop on an exact bigram model learning a repeating pattern.
@Suite struct TrainerTests {
    static func configuration() -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.sequenceLength = 32
        configuration.microBatchSize = 2
        configuration.gradientAccumulationSteps = 2
        configuration.learningRate = 0.1
        configuration.warmupSteps = 5
        configuration.totalSteps = 60
        configuration.checkpointInterval = 20
        configuration.weightDecay = 0
        configuration.validationFraction = 0.25
        configuration.seed = 5
        return configuration
    }

    static func dataset(_ configuration: TrainingConfiguration) throws -> TrainingDataset {
        try TrainingDataset(documents: TestData.patternDocuments(40), tokenizer: TestData.tokenizer, configuration: configuration)
    }

    static func trainer(_ objective: BigramObjective = BigramObjective(classCount: 14)) throws -> Trainer {
        let configuration = configuration()
        let state = TrainingState(initialParameters: [Float](repeating: 0, count: objective.parameterCount),
                                  configuration: configuration)
        return try Trainer(configuration: configuration, objective: objective, dataset: dataset(configuration), state: state)
    }

    /// Uniform logits start at ln 14 ≈ 2.64 nats; the pattern is almost deterministic.
    @Test func validationLossFallsBelowHalfANat() throws {
        var trainer = try Self.trainer()
        let before = try #require(try trainer.measureValidationLoss())
        #expect(abs(before - 2.639) < 0.01)
        var reports: [StepReport] = []
        while !trainer.isFinished { reports.append(try trainer.step()) }
        let after = try #require(try trainer.measureValidationLoss())
        #expect(after < 0.5, "validation loss \(before) → \(after)")
        #expect(reports.first?.learningRate == 0)
        #expect(reports.map(\.step) == Array(1...60))
        #expect(reports.allSatisfy { $0.targetCount > 0 && $0.gradientNorm > 0 })
        #expect(trainer.state.dataPosition == 60 * 4)
        #expect(trainer.state.lossHistory.validation.map(\.step) == [0, 60])
    }

    @Test func theSameInputsGiveBitIdenticalParameters() throws {
        var first = try Self.trainer(), second = try Self.trainer()
        for _ in 0..<25 {
            _ = try first.step()
            _ = try second.step()
        }
        #expect(first.state == second.state)
        #expect(first.state.parameters.map(\.bitPattern) == second.state.parameters.map(\.bitPattern))
    }

    /// One micro-batch of four equals four accumulated micro-batches of one: the loss is
    /// the mean per target token over the whole step either way.
    @Test func accumulationAveragesOverAllTargetTokens() throws {
        var wide = Self.configuration(), narrow = Self.configuration()
        wide.microBatchSize = 4
        wide.gradientAccumulationSteps = 1
        narrow.microBatchSize = 1
        narrow.gradientAccumulationSteps = 4
        var reports: [StepReport] = []
        for configuration in [wide, narrow] {
            let objective = BigramObjective(classCount: 14)
            var trainer = try Trainer(configuration: configuration, objective: objective, dataset: Self.dataset(configuration),
                                      state: TrainingState(initialParameters: [Float](repeating: 0.01, count: 196),
                                                           configuration: configuration))
            _ = try trainer.step()
            reports.append(try trainer.step())
        }
        #expect(abs(reports[0].loss - reports[1].loss) < 1e-12)
        #expect(abs(reports[0].gradientNorm - reports[1].gradientNorm) < 1e-9)
    }

    @Test func aNaNLossStopsTheStepAndKeepsTheState() throws {
        let objective = BigramObjective(classCount: 14)
        var trainer = try Self.trainer(objective)
        for _ in 0..<3 { _ = try trainer.step() }
        let before = trainer.state
        objective.poisonedCall = objective.gradientCallCount + 1
        let error = try #require(throws: ModelFactoryError.self) { try trainer.step() }
        #expect(error.kind == .nonFiniteValue)
        #expect(trainer.state == before)
    }

    @Test func aMismatchedObjectiveIsRefused() throws {
        let configuration = Self.configuration()
        let error = try #require(throws: ModelFactoryError.self) {
            try Trainer(configuration: configuration, objective: BigramObjective(classCount: 3),
                        dataset: Self.dataset(configuration),
                        state: TrainingState(initialParameters: [0, 0], configuration: configuration))
        }
        #expect(error.kind == .invalidConfiguration)
    }
}
