import Foundation
import LoRATraining
import ModelFiles
import Sodium
import OpenLoRA
import Tensor
import Testing
import Tokenizers
import TestSupport
@testable import ModelFactory

/// ModelFactory with the real LoRA gradient engine on a tiny random Llama whose vocabulary
/// is the committed SmolLM2 test tokenizer's: a Datanet of documents that repeat one cycle
/// of words is learnable, so validation loss must fall far below the untrained model's.
@Suite("LoRA training end to end")
struct LoRATrainingEndToEndTests {
    static let tokenizer: Tokenizer = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TokenizersTests/Fixtures").path + "/"
        do {
            return try Tokenizer(tokenizerJSONAt: folder + "smollm2.tokenizer.json",
                                 configurationAt: folder + "smollm2.tokenizer_config.json")
        } catch {
            preconditionFailure("cannot load the SmolLM2 test tokenizer: \(error)")  // a broken fixture is a test bug
        }
    }()

    static let base = LlamaConfiguration(
        vocabularySize: 1200, embeddingLength: 32, feedForwardLength: 64, blockCount: 2, headCount: 4,
        keyValueHeadCount: 2, headDimension: 8, contextLength: 128, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000,
        ropeLayout: .halves, tiesEmbeddings: true)

    /// The model, from a fixed seed.
    static func model() throws -> LlamaModel {
        var random = SeededGenerator(seed: 77)
        let c = base
        func matrix(_ rows: Int, _ columns: Int, scale: Float) -> WeightMatrix {
            WeightMatrix(rowCount: rows, columnCount: columns,
                         values: (0..<(rows * columns)).map { _ in Float.random(in: -scale...scale, using: &random) })
        }
        let layers = (0..<c.blockCount).map { _ in
            LlamaLayerWeights(
                attentionNorm: [Float](repeating: 1, count: c.embeddingLength),
                query: matrix(c.queryWidth, c.embeddingLength, scale: 0.3),
                key: matrix(c.keyValueWidth, c.embeddingLength, scale: 0.3),
                value: matrix(c.keyValueWidth, c.embeddingLength, scale: 0.3),
                attentionOutput: matrix(c.embeddingLength, c.queryWidth, scale: 0.3),
                feedForwardNorm: [Float](repeating: 1, count: c.embeddingLength),
                gate: matrix(c.feedForwardLength, c.embeddingLength, scale: 0.3),
                up: matrix(c.feedForwardLength, c.embeddingLength, scale: 0.3),
                down: matrix(c.embeddingLength, c.feedForwardLength, scale: 0.3))
        }
        let embedding = matrix(c.vocabularySize, c.embeddingLength, scale: 1)
        let weights = LlamaWeights(tokenEmbedding: embedding, layers: layers,
                                   outputNorm: [Float](repeating: 1, count: c.embeddingLength), output: embedding)
        return try LlamaModel(configuration: c, weights: weights, backend: CPUBackend(threadCount: 1))
    }

    /// Documents that each repeat one cycle of words, starting at different places.
    static func documents() -> [DatanetDocument] {
        let words = ["red", "green", "blue", "cat", "dog", "sun", "moon", "tree"]
        return (0..<24).map { index in
            let text = (0..<30).map { words[($0 + index) % words.count] }.joined(separator: " ")
            return DatanetDocument(contentHash: BLAKE2b256.hash(Array(text.utf8)), payload: Array(text.utf8))
        }
    }

    static func configuration() -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.rank = 8
        configuration.alpha = 16
        configuration.targetModules = .allLinear
        configuration.learningRate = 1e-2
        configuration.warmupSteps = 5
        configuration.totalSteps = 40
        configuration.sequenceLength = 64
        configuration.microBatchSize = 2
        configuration.validationFraction = 0.25
        configuration.checkpointInterval = 20
        configuration.gradientStoreSteps = [40]
        configuration.projectionDimension = 256
        configuration.seed = 5
        return configuration
    }

    @Test("validation loss falls below 1.0 nat per token from over 6; the same job twice gives the same adapter")
    func learns() throws {
        let model = try Self.model()
        let configuration = Self.configuration()
        let dataset = try TrainingDataset(documents: Self.documents(), tokenizer: Self.tokenizer, configuration: configuration)
        var summaries: [TrainingSummary] = []
        let start = ContinuousClock.now
        for run in 0..<2 {
            let folder = NSTemporaryDirectory() + "oln-train-e2e-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let layout = try LoRAParameterLayout(configuration: configuration.adapterConfiguration, base: Self.base)
            let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: configuration.sequenceLength)
            let job = try TrainingJob(directory: folder, configuration: configuration, base: Self.base, dataset: dataset,
                                      objective: engine, clock: { start.duration(to: .now) })
            guard case .finished(let summary) = try job.run() else { Issue.record("the job stopped"); return }
            summaries.append(summary)
            if run == 0 {
                let adapter = try LoRAAdapter(directory: folder + "/adapter", base: Self.base)
                #expect(adapter.modules.count == layout.segments.count)
                let store = try GradientStore(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/gradients-40.bin"))))
                #expect(store.merkleRoot == summary.gradientStoreRoots.first?.root)
            }
        }
        let before = try #require(summaries[0].validationLossBefore), after = try #require(summaries[0].validationLossAfter)
        print("LoRATrainingEndToEndTests: validation loss \(before) → \(after)")
        #expect(before > 6)
        #expect(after < 1.0)
        #expect(summaries[0].adapterHash == summaries[1].adapterHash)
    }
}
