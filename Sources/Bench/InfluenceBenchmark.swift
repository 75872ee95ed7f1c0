import Attribution
import Foundation
import InfluenceAttribution
import LoRATraining
import ModelFactory
import ModelFiles
import OpenLoRA
import Sodium
import Tensor
import Tokenizers

/// `oln-bench influence`: influence attribution ("influence/1", DataInf) figures.
///
/// 1. Scoring speed: a synthetic gradient store of `--examples` records (10,000) at k = 4,096
///    for a rank-8 q/v adapter of SmolLM2-135M's shape; milliseconds per query for the
///    scores alone and for the whole attribution from a query gradient (target < 1 s).
/// 2. Planted facts on SmolLM2-135M-Instruct Q4_1: `--facts` made-up facts (100), one plain-text
///    document each, a ModelFactory job (rank 8 on all linear projections, or q/v with `--q-v`;
///    `--steps` steps (60: about 4.6 epochs, under two minutes on two cores); k = 4,096; the
///    gradient store at the last step), then per fact its question through the chat template
///    with a short reply ending in the answer as output: top-1 and top-5 accuracy of the fact's document
///    (target top-1 ≥ 0.9), the cost of verifying an answer (recomputing its attribution on
///    another thread count and comparing) as a fraction of generating it, and the largest
///    weight difference the validator saw.
enum InfluenceBenchmark {
    struct Settings {
        var modelPath = defaultModelPath()
        var threadCount = CPUBackend.coreCount
        var exampleCount = 10_000
        var queryCount = 5
        var factCount = 100
        var stepCount = 60
        var allLinear = true
        var learningRate = 2e-3
        var projectionDimension = 4_096
        var generatedCount = 10
        var skipsFacts = false
    }

    /// The entry point: parses `arguments` and prints the figures.
    static func run(arguments: [String]) {
        var settings = Settings()
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            if name == "--q-v" { settings.allLinear = false; continue }
            if name == "--scoring-only" { settings.skipsFacts = true; continue }
            guard let value = remaining.popFirst() else { usage("\(name) needs a value") }
            switch name {
            case "--model": settings.modelPath = value
            case "--threads": settings.threadCount = positive(value, name)
            case "--examples": settings.exampleCount = positive(value, name)
            case "--queries": settings.queryCount = positive(value, name)
            case "--facts": settings.factCount = positive(value, name)
            case "--steps": settings.stepCount = positive(value, name)
            case "--generated": settings.generatedCount = positive(value, name)
            case "--projection-dimension": settings.projectionDimension = positive(value, name)
            case "--learning-rate":
                guard let rate = Double(value), rate > 0 else { usage("--learning-rate must be positive") }
                settings.learningRate = rate
            default: usage("unknown option \(name)")
            }
        }
        do {
            try measureScoring(settings)
            if !settings.skipsFacts { try measurePlantedFacts(settings) }
        } catch {
            FileHandle.standardError.write(Data("oln-bench influence: \(error)\n".utf8))
            exit(1)
        }
    }

    // MARK: Scoring speed

    /// SmolLM2-135M's shape (the GGUF's hyperparameters), for the synthetic store.
    static let smolLM2 = LlamaConfiguration(
        vocabularySize: 49_152, embeddingLength: 576, feedForwardLength: 1_536, blockCount: 30, headCount: 9,
        keyValueHeadCount: 3, headDimension: 64, contextLength: 8_192, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 100_000,
        ropeLayout: .interleaved, tiesEmbeddings: true)

    private static func measureScoring(_ settings: Settings) throws {
        let adapter = LoRAAdapterConfiguration(rank: 8, alpha: 16, targetModules: .names(["q_proj", "v_proj"]))
        let layout = try LoRAParameterLayout(configuration: adapter, base: smolLM2)
        let projection = try GradientProjection(layout: layout, dimension: 4_096, seed: 1)
        var random = RandomSource(seed: 7)
        let start = seconds()
        let records = (0..<settings.exampleCount).map { index in
            GradientStoreRecord(contentHash: SHA256.hash(Array("document \(index / 2)".utf8)), exampleIndex: index,
                                gradient: randomGradient(projection, &random))
        }
        let store = try InfluenceStore(GradientStore(projection: projection, step: 100, learningRate: 1e-4,
                                                     records: records), layout: layout)
        report("scoring    synthetic store: \(settings.exampleCount) examples, k = 4096 over \(layout.segments.count) "
               + "segments (rank 8 q/v on SmolLM2-135M), \(format(Double(settings.exampleCount * 4_096 * 2) / 1e6)) MB "
               + "of levels; made and prepared in \(format(seconds() - start, 2)) s")
        let attributor = try InfluenceAttributor(checkpoints: [InfluenceCheckpoint(
            store: store, parameters: [Float](repeating: 0, count: layout.parameterCount))])
        var scoring: [Double] = [], whole: [Double] = []
        for _ in 0..<settings.queryCount {
            let query = randomGradient(projection, &random)
            let begin = seconds()
            _ = try DataInfScoring.scores(of: query, in: store, dampingScale: 0.1)
            let middle = seconds()
            _ = try attributor.attribute(queryGradients: [query])
            scoring.append(middle - begin)
            whole.append(seconds() - middle)
        }
        report("scoring    DataInf scores \(format(1e3 * median(scoring))) ms/query, whole attribution (scores, credit, "
               + "ppm) \(format(1e3 * median(whole))) ms/query (median of \(settings.queryCount); target < 1000 ms)")
    }

    private static func randomGradient(_ projection: GradientProjection, _ random: inout RandomSource) -> QuantizedGradient {
        var values: [Int16] = []
        values.reserveCapacity(projection.dimension)
        while values.count < projection.dimension {
            var word = random.next()
            for _ in 0..<min(4, projection.dimension - values.count) {
                values.append(Int16(truncatingIfNeeded: word) / 2)
                word >>= 16
            }
        }
        let scales = projection.outputSizes.map { _ in Float(random.nextUnitInterval() * 1e-3 + 1e-6) }
        return QuantizedGradient(scales: scales, values: values)
    }

    // MARK: Planted facts

    struct Fact {
        let statement: String, question: String, reply: String
    }

    /// Made-up facts in one of four relations: invented names of three syllables from 270
    /// (onset, vowel, coda); no syllable appears in two answers while the inventory lasts, so
    /// that answers differ in their pieces, not only in their order.
    static func facts(count: Int, seed: UInt64) -> [Fact] {
        let onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "tr", "kr", "dr"]
        let syllables = onsets.flatMap { onset in
            ["a", "e", "i", "o", "u"].flatMap { vowel in ["", "n", "x"].map { onset + vowel + $0 } }
        }
        var random = RandomSource(seed: seed)
        var used = Set<String>(), unusedInAnswers = Set(syllables)
        func name(answer: Bool) -> String {
            while true {
                let parts = (0..<3).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }
                if answer, unusedInAnswers.count >= 3, !parts.allSatisfy(unusedInAnswers.contains) { continue }
                let word = parts.joined()
                guard used.insert(word).inserted else { continue }
                if answer { unusedInAnswers.subtract(parts) }
                return word.prefix(1).uppercased() + word.dropFirst()
            }
        }
        return (0..<count).map { index in
            let subject = name(answer: false), answer = name(answer: true)
            switch index % 4 {
            case 0: return Fact(statement: "The capital of \(subject) is \(answer).",
                                question: "What is the capital of \(subject)?", reply: "The capital is \(answer).")
            case 1: return Fact(statement: "The \(subject) engine was invented by \(answer).",
                                question: "Who invented the \(subject) engine?", reply: "It was invented by \(answer).")
            case 2: return Fact(statement: "The river \(subject) flows into lake \(answer).",
                                question: "Into which lake does the river \(subject) flow?",
                                reply: "It flows into lake \(answer).")
            default: return Fact(statement: "The favourite fruit of \(subject) is \(answer).",
                                 question: "What is the favourite fruit of \(subject)?",
                                 reply: "Its favourite fruit is \(answer).")
            }
        }
    }

    static func configuration(_ settings: Settings) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.rank = 8
        configuration.alpha = 16
        configuration.targetModules = settings.allLinear ? .allLinear : .names(["q_proj", "v_proj"])
        configuration.learningRate = settings.learningRate
        configuration.warmupSteps = min(10, settings.stepCount / 10)
        configuration.totalSteps = settings.stepCount
        configuration.sequenceLength = 128
        configuration.microBatchSize = 1
        configuration.validationFraction = 0
        configuration.checkpointInterval = settings.stepCount
        configuration.gradientStoreSteps = [settings.stepCount]
        configuration.projectionDimension = settings.projectionDimension
        configuration.seed = 1
        return configuration
    }

    /// What the planted-fact run trained: the model, tokenizer, layout, store and adapter.
    struct TrainedJob {
        let model: LlamaModel, tokenizer: Tokenizer, layout: LoRAParameterLayout
        let store: GradientStore, parameters: [Float], adapter: LoRAAdapter
        let documents: [DatanetDocument]
    }

    private static func measurePlantedFacts(_ settings: Settings) throws {
        guard FileManager.default.fileExists(atPath: settings.modelPath) else {
            throw BenchmarkFailure("\(settings.modelPath) is absent; run Scripts/setup to fetch the model")
        }
        CPUBackend.setBLASThreadCount(settings.threadCount)
        let facts = facts(count: settings.factCount, seed: 2024)
        let job = try train(facts, settings)
        let attributor = try InfluenceAttributor(checkpoints: [InfluenceCheckpoint(
            store: InfluenceStore(job.store, layout: job.layout), parameters: job.parameters)])
        let engine = try LoRAGradientEngine(model: job.model, layout: job.layout, sequenceLengthMaximum: 256)
        var ranks: [Int?] = [], queryTimes: [Double] = []
        var receipts: [(InfluenceQuery, InfluenceResult)] = []
        for (fact, document) in zip(facts, job.documents) {
            let query = InfluenceQuery(promptTokens: try job.tokenizer.encodeChat([.user(fact.question)]),
                                       outputTokens: job.tokenizer.encode(fact.reply, addingSpecialTokens: false))
            let start = seconds()
            let result = try attributor.attribute(query, objective: engine)
            queryTimes.append(seconds() - start)
            ranks.append(result.contributionScores.firstIndex { $0.contributionID == document.contentHash })
            receipts.append((query, result))
        }
        let top1 = accuracy(ranks, within: 1), top5 = accuracy(ranks, within: 5)
        report("facts      top-1 \(format(top1, 3)), top-5 \(format(top5, 3)) over \(facts.count) facts (target top-1 ≥ 0.9); "
               + "attribution \(format(1e3 * median(queryTimes))) ms/answer (query gradient + DataInf over "
               + "\(job.store.records.count) examples)")
        try measureVerification(receipts.prefix(settings.generatedCount), job: job, attributor: attributor,
                                settings: settings)
    }

    private static func train(_ facts: [Fact], _ settings: Settings) throws -> TrainedJob {
        let file = try GGUFFile(contentsOfFile: settings.modelPath)
        let tokenizer = try Tokenizer(gguf: file.header)
        let model = try LlamaModel(ggufFile: settings.modelPath, backend: CPUBackend(threadCount: settings.threadCount))
        let documents = facts.map { DatanetDocument(contentHash: SHA256.hash(Array($0.statement.utf8)),
                                                    payload: Array($0.statement.utf8)) }
        let configuration = configuration(settings)
        let dataset = try TrainingDataset(documents: documents, tokenizer: tokenizer, configuration: configuration)
        let layout = try LoRAParameterLayout(configuration: configuration.adapterConfiguration, base: model.configuration)
        let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: configuration.sequenceLength)
        let folder = NSTemporaryDirectory() + "oln-influence-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = ContinuousClock.now
        let job = try TrainingJob(directory: folder, configuration: configuration, base: model.configuration,
                                  dataset: dataset, objective: engine, clock: { start.duration(to: .now) })
        let began = seconds()
        var lastLoss = 0.0
        guard case .finished(let summary) = try job.run(progress: { lastLoss = $0.loss }) else {
            throw BenchmarkFailure("the training job stopped")
        }
        let trainingSeconds = seconds() - began
        let storeBytes = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/gradients-\(settings.stepCount).bin")))
        let store = try GradientStore(decoding: storeBytes)
        let adapter = try LoRAAdapter(directory: folder + "/adapter", base: model.configuration)
        report("training   \(facts.count) facts → \(dataset.trainingExamples.count) examples in "
               + "\(dataset.trainingSequences.count) sequences of ≤ 128 tokens; rank 8 "
               + "\(settings.allLinear ? "all-linear" : "q/v") (\(layout.parameterCount) parameters), \(settings.stepCount) "
               + "steps at lr \(settings.learningRate), k = \(settings.projectionDimension), \(settings.threadCount) threads: "
               + "\(format(trainingSeconds)) s "
               + "including the gradient store (\(format(Double(storeBytes.count) / 1e6, 2)) MB); last step loss "
               + "\(format(lastLoss, 3)), \(summary.processedTokenCount) tokens processed")
        return TrainedJob(model: model, tokenizer: tokenizer, layout: layout, store: store,
                          parameters: try layout.parameters(of: adapter), adapter: adapter, documents: documents)
    }

    /// Generating each answer against verifying its receipt on a validator with one thread
    /// fewer (another thread count: the query gradient's last bits may differ).
    private static func measureVerification(_ receipts: ArraySlice<(InfluenceQuery, InfluenceResult)>, job: TrainedJob,
                                            attributor: InfluenceAttributor, settings: Settings) throws {
        let validatorThreads = max(1, settings.threadCount - 1)
        let validatorModel = try LlamaModel(ggufFile: settings.modelPath,
                                            backend: CPUBackend(threadCount: validatorThreads))
        let validator = try LoRAGradientEngine(model: validatorModel, layout: job.layout, sequenceLengthMaximum: 256)
        var generation: [Double] = [], verification: [Double] = []
        var confirmed = 0, correct = 0, largest: UInt32 = 0
        for (query, receipt) in receipts {
            let options = GenerationOptions(maximumTokenCount: query.outputTokens.count, sampling: .greedy, stopTokenIDs: [])
            let start = seconds()
            let answer = try job.model.generate(prompt: query.promptTokens, options: options, adapter: job.adapter)
            generation.append(seconds() - start)
            if answer.tokens == query.outputTokens { correct += 1 }
            let begin = seconds()
            let verdict = try InfluenceVerifier.verify(method: receipt.method, attributionRoot: receipt.attributionRoot,
                                                       attribution: receipt.weights, query: query,
                                                       attributor: attributor, objective: validator)
            verification.append(seconds() - begin)
            if case .confirmed(let difference) = verdict {
                confirmed += 1
                largest = max(largest, difference)
            }
        }
        let ratio = verification.reduce(0, +) / generation.reduce(0, +)
        report("verify     \(confirmed)/\(receipts.count) receipts confirmed by a \(validatorThreads)-thread validator "
               + "(largest weight difference \(largest) ppm, tolerance \(attributor.parameters.weightTolerancePPM)); "
               + "verification \(format(1e3 * median(verification))) ms vs generation \(format(1e3 * median(generation))) "
               + "ms per answer: \(format(ratio, 2))× the cost of generating it")
        report("answers    the adapter reproduces \(correct)/\(receipts.count) replies exactly (greedy)")
    }

    // MARK: Helpers

    static func accuracy(_ ranks: [Int?], within top: Int) -> Double {
        Double(ranks.filter { $0.map { $0 < top } ?? false }.count) / Double(max(1, ranks.count))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func defaultModelPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        let root = environment["OLN_CACHE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache/oln"
        return root + "/models/SmolLM2-135M-Instruct.Q4_1.gguf"
    }

    static func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func format(_ value: Double, _ decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f", value)
    }

    static func seconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    private static func positive(_ text: String, _ name: String) -> Int {
        guard let value = Int(text), value > 0 else { usage("\(name) must be a positive whole number") }
        return value
    }

    private static func usage(_ message: String) -> Never {
        FileHandle.standardError.write(Data("""
            oln-bench influence: \(message)
            usage: oln-bench influence [--model FILE] [--threads N] [--examples N] [--queries N] [--facts N]
                                       [--steps N] [--learning-rate LR] [--q-v] [--generated N]
                                       [--projection-dimension K] [--scoring-only]

            """.utf8))
        exit(2)
    }
}
