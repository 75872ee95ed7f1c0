import Foundation
import InfluenceAttribution
import LoRATraining
import ModelFactory
import OpenLoRA
import Sodium
import Tensor
import TestSupport
import Tokenizers

/// A tiny random Llama over the committed SmolLM2 test tokenizer, fine-tuned by a ModelFactory
/// job on a Datanet of made-up facts (one per document), with gradient stores at steps 30 and
/// 60 and the checkpoints of both kept: the fixture of the planted-fact tests, trained once.
struct PlantedFacts: Sendable {
    struct Fact: Sendable {
        let subject: String, answer: String, statement: String, question: String
        /// The answer as the model gives it: a short sentence ending in the answer, without the subject.
        let reply: String
    }

    static let factCount = 24
    static let base = LlamaConfiguration(
        vocabularySize: 1200, embeddingLength: 32, feedForwardLength: 64, blockCount: 2, headCount: 4,
        keyValueHeadCount: 2, headDimension: 8, contextLength: 128, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000,
        ropeLayout: .halves, tiesEmbeddings: true)

    let facts: [Fact]
    /// The documents: one per fact in the facts' order, then the sybil copies.
    let documents: [DatanetDocument]
    let tokenizer: Tokenizer
    let model: LlamaModel
    let configuration: TrainingConfiguration
    let layout: LoRAParameterLayout
    let dataset: TrainingDataset
    /// The stores of steps 30 and 60.
    let stores: [GradientStore]
    /// The parameters of steps 30 and 60, from the job's checkpoints.
    let checkpointParameters: [[Float]]
    /// The final parameters read back from the job's PEFT adapter.
    let adapterParameters: [Float]
    /// Per fact: the question through the chat template, the reply as output.
    let queries: [InfluenceQuery]

    static let shared: PlantedFacts = {
        do {
            return try make(sybilCopyCount: 0)
        } catch {
            preconditionFailure("the planted-fact fixture failed: \(error)")  // a broken fixture is a test bug
        }
    }()

    /// The same facts, plus copies of the first fact's document by sybil accounts (the
    /// statement with a word appended), accepted after all the originals.
    static let withSybils: PlantedFacts = {
        do {
            return try make(sybilCopyCount: 3)
        } catch {
            preconditionFailure("the planted-fact fixture failed: \(error)")  // a broken fixture is a test bug
        }
    }()

    static func tokenizer() throws -> Tokenizer {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TokenizersTests/Fixtures").path + "/"
        return try Tokenizer(tokenizerJSONAt: folder + "smollm2.tokenizer.json",
                             configurationAt: folder + "smollm2.tokenizer_config.json")
    }

    /// The random model, from a fixed seed, on a backend of `threadCount` threads.
    static func model(threadCount: Int = 1) throws -> LlamaModel {
        var random = SeededGenerator(seed: 78)
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
        return try LlamaModel(configuration: c, weights: weights, backend: CPUBackend(threadCount: threadCount))
    }

    /// Made-up facts: distinct invented names in one of four relations.
    static func makeFacts(count: Int, seed: UInt64) -> [Fact] {
        let syllables = ["ka", "zor", "vel", "mi", "tran", "quo", "bel", "rix", "nu", "dra", "sil", "pem", "ost",
                         "yul", "gar", "fen", "lo", "wex", "tib", "mar", "sku", "the", "ven", "dol", "pra", "gon",
                         "lek", "shi", "umb", "tor", "ais", "bru", "cal", "dri", "eno", "fis", "hap", "jun", "kro"]
        var random = SeededGenerator(seed: seed)
        var used = Set<String>()
        func name(_ parts: Int) -> String {
            while true {
                let word = (0..<parts).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined()
                if used.insert(word).inserted { return word.prefix(1).uppercased() + word.dropFirst() }
            }
        }
        return (0..<count).map { index in
            let subject = name(3), answer = name(3)
            switch index % 4 {
            case 0: return Fact(subject: subject, answer: answer, statement: "The capital of \(subject) is \(answer).",
                                question: "What is the capital of \(subject)?", reply: "The capital is \(answer).")
            case 1: return Fact(subject: subject, answer: answer, statement: "The \(subject) engine was invented by \(answer).",
                                question: "Who invented the \(subject) engine?", reply: "It was invented by \(answer).")
            case 2: return Fact(subject: subject, answer: answer, statement: "The river \(subject) flows into lake \(answer).",
                                question: "Into which lake does the river \(subject) flow?", reply: "It flows into lake \(answer).")
            default: return Fact(subject: subject, answer: answer, statement: "The favourite fruit of \(subject) is \(answer).",
                                 question: "What is the favourite fruit of \(subject)?", reply: "Its favourite fruit is \(answer).")
            }
        }
    }

    static func trainingConfiguration() -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.rank = 8
        configuration.alpha = 16
        configuration.targetModules = .allLinear
        configuration.learningRate = 1e-2
        configuration.warmupSteps = 5
        configuration.totalSteps = 60
        configuration.sequenceLength = 64
        configuration.microBatchSize = 2
        configuration.validationFraction = 0
        configuration.checkpointInterval = 30
        configuration.gradientStoreSteps = [30, 60]
        configuration.projectionDimension = 4096
        configuration.seed = 11
        return configuration
    }

    static func make(sybilCopyCount: Int) throws -> PlantedFacts {
        let tokenizer = try tokenizer()
        let facts = makeFacts(count: factCount, seed: 2024)
        let copies = ["Indeed.", "Really.", "Truly.", "Surely."].prefix(sybilCopyCount).map { facts[0].statement + " " + $0 }
        let documents = (facts.map(\.statement) + copies).map { text in
            DatanetDocument(contentHash: SHA256.hash(Array(text.utf8)), payload: Array(text.utf8))
        }
        let model = try model()
        let configuration = trainingConfiguration()
        let dataset = try TrainingDataset(documents: documents, tokenizer: tokenizer, configuration: configuration)
        let layout = try LoRAParameterLayout(configuration: configuration.adapterConfiguration, base: base)
        let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: configuration.sequenceLength)
        let folder = NSTemporaryDirectory() + "oln-influence-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let job = try TrainingJob(directory: folder, configuration: configuration, base: base, dataset: dataset,
                                  objective: engine, clock: { .zero })
        guard case .finished = try job.run() else { preconditionFailure("the job stopped without being cancelled") }
        let read = { (path: String) in Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))) }
        let stores = try [30, 60].map { try GradientStore(decoding: read("gradients-\($0).bin")) }
        let checkpoints = try [30, 60].map { step in
            try TrainingCheckpoint(decoding: read("checkpoints/step-000000\(step).checkpoint"),
                                   configuration: configuration).state.parameters
        }
        let adapter = try LoRAAdapter(directory: folder + "/adapter", base: base)
        let queries = try facts.map { fact in
            InfluenceQuery(promptTokens: try tokenizer.encodeChat([.user(fact.question)]),
                           outputTokens: tokenizer.encode(fact.reply, addingSpecialTokens: false))
        }
        return PlantedFacts(facts: facts, documents: documents, tokenizer: tokenizer, model: model,
                            configuration: configuration, layout: layout, dataset: dataset, stores: stores,
                            checkpointParameters: checkpoints, adapterParameters: try layout.parameters(of: adapter),
                            queries: queries)
    }

    /// An engine for the fixture's layout on `model`, long enough for every query.
    func engine(model: LlamaModel? = nil) throws -> LoRAGradientEngine {
        try LoRAGradientEngine(model: model ?? self.model, layout: layout, sequenceLengthMaximum: 128)
    }

    /// A DataInf attributor on the final store and adapter.
    func dataInfAttributor() throws -> InfluenceAttributor {
        let store = try InfluenceStore(stores[1], layout: layout)
        return try InfluenceAttributor(checkpoints: [InfluenceCheckpoint(store: store, parameters: adapterParameters)])
    }
}
