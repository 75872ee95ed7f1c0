import Foundation
import LoRATraining
import ModelFactory
import ModelFiles
import OpenLoRA
import Sodium
import Tensor
import Tokenizers

/// `oln-bench finetune`: ModelFactory on SmolLM2-135M-Instruct Q4_1 with a Datanet of made-up
/// facts, each stated twice in different words (two documents), so that the validation split
/// holds out wordings of facts the training half teaches. Prints the validation loss before
/// and after, and how many facts greedy decoding completes correctly before and after.
enum FinetuneBenchmark {
    static let countries = ["Zorbia", "Quellan", "Marvos", "Tirrene", "Olvast", "Drennor", "Kesmir", "Vantoll",
                            "Ulmarra", "Brisk", "Feltor", "Gannery", "Hollin", "Istra", "Jorvell", "Lunden",
                            "Mossary", "Nerrin", "Oskar", "Pellin", "Rastow", "Sorrow", "Tavish", "Wendel"]
    static let capitals = ["Quenlo", "Barathel", "Cimmery", "Dusklet", "Everholt", "Fernwick", "Galloran", "Hemmet",
                           "Ibbotsen", "Jaspary", "Kilnmoor", "Larkspire", "Mirewood", "Nettleby", "Orrin", "Pyreford",
                           "Quillon", "Rookhaven", "Saltmere", "Thistlewick", "Umberly", "Vexmoor", "Wrenfield", "Yarrowby"]

    static func run(arguments: [String]) {
        var steps = 150, threads = CPUBackend.coreCount
        var remaining = arguments[...]
        while let name = remaining.popFirst(), let value = remaining.popFirst().flatMap(Int.init), value > 0 {
            switch name {
            case "--steps": steps = value
            case "--threads": threads = value
            default: continue
            }
        }
        do {
            try measure(steps: steps, threads: threads)
        } catch {
            FileHandle.standardError.write(Data("oln-bench finetune: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func measure(steps: Int, threads: Int) throws {
        let path = ModelBenchmark.defaultModelPath()
        CPUBackend.setBLASThreadCount(threads)
        let file = try GGUFFile(contentsOfFile: path)
        let tokenizer = try Tokenizer(gguf: file.header)
        let model = try LlamaModel(ggufFile: path, backend: CPUBackend(threadCount: threads))
        var documents: [DatanetDocument] = []
        for (country, capital) in zip(countries, capitals) {
            for text in ["The capital of \(country) is \(capital).", "\(capital) is the capital city of \(country)."] {
                documents.append(DatanetDocument(contentHash: BLAKE2b256.hash(Array(text.utf8)), payload: Array(text.utf8)))
            }
        }
        var configuration = TrainingConfiguration()
        configuration.rank = 8
        configuration.alpha = 16
        configuration.targetModules = .allLinear
        configuration.learningRate = 1e-3
        configuration.warmupSteps = 10
        configuration.totalSteps = steps
        configuration.sequenceLength = 64
        configuration.microBatchSize = 2
        configuration.validationFraction = 0.25
        configuration.checkpointInterval = steps
        configuration.seed = 3
        let dataset = try TrainingDataset(documents: documents, tokenizer: tokenizer, configuration: configuration)
        let layout = try LoRAParameterLayout(configuration: configuration.adapterConfiguration, base: model.configuration)
        let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: 64)
        let folder = NSTemporaryDirectory() + "oln-finetune-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = ContinuousClock.now
        let job = try TrainingJob(directory: folder, configuration: configuration, base: model.configuration,
                                  dataset: dataset, objective: engine, clock: { start.duration(to: .now) })
        let before = try answers(model, tokenizer, adapter: nil)
        let began = ModelBenchmark.seconds()
        guard case .finished(let summary) = try job.run() else { throw BenchmarkFailure("the job stopped") }
        let elapsed = ModelBenchmark.seconds() - began
        let adapter = try LoRAAdapter(directory: folder + "/adapter", base: model.configuration)
        let after = try answers(model, tokenizer, adapter: adapter)
        let f = { (value: Double?) in value.map { ModelBenchmark.format($0, decimals: 3) } ?? "none" }
        ModelBenchmark.report("finetune   SmolLM2-135M Q4_1, \(documents.count) documents (\(countries.count) facts, two "
                              + "wordings each): \(dataset.trainingExamples.count) training, "
                              + "\(dataset.validationExamples.count) validation; rank 8 all-linear, \(steps) steps, "
                              + "\(threads) threads, \(ModelBenchmark.format(elapsed)) s")
        ModelBenchmark.report("validation loss \(f(summary.validationLossBefore)) → \(f(summary.validationLossAfter)) "
                              + "nats/token")
        ModelBenchmark.report("answers    'The capital of X is' completed with the made-up capital: "
                              + "\(before) of \(countries.count) before, \(after) after")
    }

    /// How many of the countries greedy decoding completes with their capital.
    private static func answers(_ model: LlamaModel, _ tokenizer: Tokenizer, adapter: LoRAAdapter?) throws -> Int {
        var correct = 0
        for (country, capital) in zip(countries, capitals) {
            let prompt = tokenizer.encode("The capital of \(country) is", addingSpecialTokens: false)
            let result = try model.generate(prompt: prompt, options: GenerationOptions(maximumTokenCount: 6),
                                            adapter: adapter)
            if tokenizer.decode(result.tokens).contains(capital) { correct += 1 }
        }
        return correct
    }
}
