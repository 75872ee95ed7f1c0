import Foundation
import Testing
import OpenLoRA
import Sodium
@testable import ModelFactory

/// Whole jobs in temporary folders, on the bigram objective (196 parameters: the layout of a
/// rank-7 adapter on q_proj and v_proj of a one-block model with 8-wide embeddings).
@Suite struct TrainingJobTests {
    static let base = LlamaConfiguration(vocabularySize: 258, embeddingLength: 8, feedForwardLength: 16, blockCount: 1,
                                         headCount: 2, keyValueHeadCount: 1, headDimension: 4, contextLength: 64,
                                         rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000, ropeLayout: .halves,
                                         tiesEmbeddings: false)

    static func configuration(storeSteps: [Int] = [0, 20, 40]) -> TrainingConfiguration {
        var configuration = TrainerTests.configuration()
        configuration.rank = 7
        configuration.totalSteps = 40
        configuration.checkpointInterval = 10
        configuration.gradientStoreSteps = storeSteps
        configuration.projectionDimension = 16
        return configuration
    }

    static func job(_ folder: TemporaryDirectory, _ configuration: TrainingConfiguration = configuration(),
                    objective: BigramObjective = BigramObjective(classCount: 14),
                    fileSystem: any FileSystem = POSIXFileSystem()) throws -> TrainingJob {
        let dataset = try TrainerTests.dataset(configuration)
        var ticks = 0
        return try TrainingJob(directory: folder.path, configuration: configuration, base: base, dataset: dataset,
                               objective: objective, fileSystem: fileSystem) {
            ticks += 1
            return .milliseconds(ticks * 10)
        }
    }

    static func finished(_ outcome: TrainingOutcome) throws -> TrainingSummary {
        guard case .finished(let summary) = outcome else { throw ModelFactoryError(.invalidData, "the job did not finish") }
        return summary
    }

    static func reference() throws -> (TrainingSummary, [UInt8]) {
        let folder = try TemporaryDirectory("reference")
        defer { folder.remove() }
        let summary = try finished(try job(folder).run())
        return (summary, try folder.bytes("checkpoints/step-00000040.checkpoint"))
    }

    @Test func aJobWritesItsFolder() throws {
        let folder = try TemporaryDirectory("files")
        defer { folder.remove() }
        var reports: [TrainingProgress] = []
        let summary = try Self.finished(try Self.job(folder).run { reports.append($0) })
        for name in ["loss.json", "loss.svg", "summary.json", "gradients-0.bin", "gradients-20.bin", "gradients-40.bin",
                     "adapter/adapter_config.json", "adapter/adapter_model.safetensors",
                     "checkpoints/step-00000030.checkpoint", "checkpoints/step-00000040.checkpoint"] {
            #expect(folder.exists(name), "\(name)")
        }
        #expect(!folder.exists("checkpoints/step-00000020.checkpoint"))
        #expect(reports.map(\.step) == Array(1...40))
        #expect(reports.last?.estimatedTimeLeft == .zero)
        #expect(reports.allSatisfy { $0.tokensPerSecond > 0 })
        let weights = try folder.bytes("adapter/adapter_model.safetensors")
        #expect(summary.adapterHash == BLAKE2b256.hash(weights) && summary.adapterByteCount == weights.count)
        #expect(summary.configurationIdentifier == Self.configuration().identifier)
        let before = try #require(summary.validationLossBefore), after = try #require(summary.validationLossAfter)
        #expect(after < before && after < 1.0, "\(before) → \(after)")
        #expect(summary.gradientStoreRoots.map(\.step) == [0, 20, 40])
        let exampleCount = try TrainerTests.dataset(Self.configuration()).trainingExamples.count
        for root in summary.gradientStoreRoots {
            let store = try GradientStore(decoding: try folder.bytes("gradients-\(root.step).bin"))
            #expect(store.merkleRoot == root.root)
            #expect(store.records.count == exampleCount)
            #expect(store.step == root.step && store.projection.dimension == 16 && store.projection.outputSizes.count == 2)
        }
        let adapter = try LoRAAdapter(directory: folder.path + "/adapter", base: Self.base)
        #expect(adapter.configuration.rank == 7)
        let json = try JSONSerialization.jsonObject(with: Data(try folder.bytes("summary.json"))) as? [String: Any]
        #expect(json?["steps"] as? Int == 40)
    }

    @Test func stoppingAndResumingEqualsAnUninterruptedRun() throws {
        let (expected, finalCheckpoint) = try Self.reference()
        let folder = try TemporaryDirectory("resume")
        defer { folder.remove() }
        let cancellation = TrainingCancellation()
        let outcome = try Self.job(folder).run(cancellation: cancellation) { if $0.step == 27 { cancellation.cancel() } }
        #expect(outcome == .stopped(step: 27))
        #expect(folder.exists("checkpoints/step-00000027.checkpoint"))
        // A new job object, as after a restart of the process.
        let summary = try Self.finished(try Self.job(folder).run())
        #expect(summary == expected)
        #expect(try folder.bytes("checkpoints/step-00000040.checkpoint") == finalCheckpoint)
    }

    @Test func aNaNStopsTheJobAndLeavesTheLastGoodCheckpoint() throws {
        let (expected, _) = try Self.reference()
        let folder = try TemporaryDirectory("nan")
        defer { folder.remove() }
        let objective = BigramObjective(classCount: 14)
        let job = try Self.job(folder, objective: objective)
        let error = try #require(throws: ModelFactoryError.self) {
            // The second sequence of step 25 gets a NaN loss.
            try job.run { if $0.step == 24 { objective.poisonedCall = objective.gradientCallCount + 1 } }
        }
        #expect(error.kind == .nonFiniteValue)
        let newest = try #require(try job.newestCheckpointPath())
        #expect(newest.hasSuffix("step-00000020.checkpoint"))
        let checkpoint = try TrainingCheckpoint(decoding: try folder.bytes("checkpoints/step-00000020.checkpoint"),
                                                configuration: Self.configuration())
        #expect(checkpoint.state.step == 20 && checkpoint.state.parameters.allSatisfy(\.isFinite))
        objective.poisonedCall = nil
        #expect(try Self.finished(try job.run()) == expected)
    }

    @Test func aFullDiskDuringACheckpointKeepsThePreviousOne() throws {
        let configuration = Self.configuration(storeSteps: [])
        let folder = try TemporaryDirectory("full")
        defer { folder.remove() }
        let disk = FullDiskFileSystem(byteBudget: .max)
        let job = try Self.job(folder, configuration, fileSystem: disk)
        let error = try #require(throws: ModelFactoryError.self) {
            try job.run { if $0.step == 15 { disk.setBudget(1000) } }  // a checkpoint is about 2.7 kB
        }
        #expect(error.kind == .fileSystem && error.message.contains("No space left"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/checkpoints")
        #expect(names == ["step-00000010.checkpoint"], "\(names)")
        let previous = try TrainingCheckpoint(decoding: try folder.bytes("checkpoints/step-00000010.checkpoint"),
                                              configuration: configuration)
        #expect(previous.state.step == 10)
        disk.setBudget(.max)
        let summary = try Self.finished(try job.run())
        let referenceFolder = try TemporaryDirectory("full-reference")
        defer { referenceFolder.remove() }
        #expect(summary == (try Self.finished(try Self.job(referenceFolder, configuration).run())))
    }

    @Test func aCheckpointOfAnotherConfigurationIsRefused() throws {
        let folder = try TemporaryDirectory("other")
        defer { folder.remove() }
        let cancellation = TrainingCancellation()
        cancellation.cancel()
        #expect(try Self.job(folder).run(cancellation: cancellation) == .stopped(step: 0))
        var changed = Self.configuration()
        changed.learningRate = 0.05
        let error = try #require(throws: ModelFactoryError.self) { try Self.job(folder, changed).run() }
        #expect(error.kind == .invalidCheckpoint && error.message.contains("another training configuration"))
    }
}
