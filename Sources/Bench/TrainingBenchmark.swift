import Foundation
import LoRATraining
import OpenLoRA
import Tensor

/// `oln-bench training`: LoRA training steps (forward and backward, gradient of every factor)
/// on SmolLM2-135M-Instruct Q4_1 from the model cache: rank 8 on all linear projections,
/// sequences of 256 tokens, every token after the first a target. Prints training tokens/s
/// (the best of the timed steps after a warm-up step), the engine's buffers and the peak
/// resident memory. Scripts/bench-training-pytorch.py measures PyTorch + PEFT the same way.
enum TrainingBenchmark {
    struct Settings {
        var modelPath = ModelBenchmark.defaultModelPath()
        var threadCount = CPUBackend.coreCount
        var tokenCount = 256
        var rank = 8
        var stepCount = 3
        /// A Python with torch, transformers, peft and gguf: when given, the reference runs
        /// in the same invocation and the ratio is printed.
        var pytorchPython: String?
    }

    /// The entry point: parses `arguments` and prints the figures.
    static func run(arguments: [String]) {
        var settings = Settings()
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard let value = remaining.popFirst() else { usage("\(name) needs a value") }
            switch name {
            case "--model": settings.modelPath = value
            case "--threads": settings.threadCount = positive(value, name)
            case "--tokens": settings.tokenCount = positive(value, name)
            case "--rank": settings.rank = positive(value, name)
            case "--steps": settings.stepCount = positive(value, name)
            case "--pytorch-python": settings.pytorchPython = value
            default: usage("unknown option \(name)")
            }
        }
        do {
            try measure(settings)
        } catch {
            FileHandle.standardError.write(Data("oln-bench training: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func measure(_ settings: Settings) throws {
        guard FileManager.default.fileExists(atPath: settings.modelPath) else {
            throw BenchmarkFailure("\(settings.modelPath) is absent; run Scripts/setup to fetch the model")
        }
        CPUBackend.setBLASThreadCount(settings.threadCount)
        let model = try LlamaModel(ggufFile: settings.modelPath, backend: CPUBackend(threadCount: settings.threadCount))
        let adapter = LoRAAdapterConfiguration(rank: settings.rank, alpha: Double(2 * settings.rank),
                                               targetModules: .allLinear)
        let layout = try LoRAParameterLayout(configuration: adapter, base: model.configuration)
        let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: settings.tokenCount)
        let parameters = layout.initialParameters(seed: 1)
        var random = RandomSource(seed: 2)
        let vocabulary = UInt64(model.configuration.vocabularySize)
        let tokens = (0..<settings.tokenCount).map { _ in Int(random.next() % vocabulary) }
        let sequence = TrainingSequence(tokens: tokens)
        ModelBenchmark.report("model      \(settings.modelPath), \(settings.threadCount) threads, "
                              + "rank \(settings.rank) all-linear (\(layout.parameterCount) parameters), "
                              + "\(settings.tokenCount) tokens/step")
        var gradient = [Float](repeating: 0, count: layout.parameterCount)
        var best = 0.0, loss = LossSum()
        for step in 0...settings.stepCount {
            let start = ModelBenchmark.seconds()
            loss = try engine.accumulateGradient(of: sequence, parameters: parameters, dropoutSeed: UInt64(step),
                                                 into: &gradient)
            let rate = Double(settings.tokenCount) / (ModelBenchmark.seconds() - start)
            if step > 0 { best = max(best, rate) }
        }
        let f = { (value: Double) in ModelBenchmark.format(value) }
        ModelBenchmark.report("training   forward+backward \(f(best)) tokens/s (best of \(settings.stepCount) after a "
                              + "warm-up step; loss \(ModelBenchmark.format(loss.mean ?? 0, decimals: 3)) nats/token)")
        ModelBenchmark.report("memory     engine buffers \(f(Double(engine.byteCount) / 1e6)) MB, peak resident "
                              + "\(f(Double(ProcessMemory.peakResidentBytes()) / 1e6)) MB")
        guard let python = settings.pytorchPython else {
            ModelBenchmark.report("reference  python Scripts/bench-training-pytorch.py --threads \(settings.threadCount) "
                                  + "(PyTorch + PEFT on the same file; or pass --pytorch-python PYTHON)")
            return
        }
        let reference = try pytorchTokensPerSecond(python: python, settings)
        ModelBenchmark.report("reference  PyTorch + PEFT \(f(reference)) tokens/s; ratio ours / PyTorch "
                              + "\(ModelBenchmark.format(best / reference, decimals: 2)) (target ≥ 1.0)")
    }

    /// Runs Scripts/bench-training-pytorch.py with the same settings and reads its tokens/s.
    private static func pytorchTokensPerSecond(python: String, _ settings: Settings) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["Scripts/bench-training-pytorch.py", "--model", settings.modelPath,
                             "--threads", "\(settings.threadCount)", "--tokens", "\(settings.tokenCount)",
                             "--rank", "\(settings.rank)", "--steps", "\(settings.stepCount)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        ModelBenchmark.report("reference  " + text.trimmingCharacters(in: .whitespacesAndNewlines))
        let words = text.split(whereSeparator: \.isWhitespace)
        guard process.terminationStatus == 0, let index = words.firstIndex(of: "tokens/s"), index > 0,
              let rate = Double(words[index - 1]) else {
            throw BenchmarkFailure("the PyTorch reference failed (exit \(process.terminationStatus)): \(text)")
        }
        return rate
    }

    private static func positive(_ text: String, _ name: String) -> Int {
        guard let value = Int(text), value > 0 else { usage("\(name) must be a positive whole number") }
        return value
    }

    private static func usage(_ message: String) -> Never {
        FileHandle.standardError.write(Data("""
            oln-bench training: \(message)
            usage: oln-bench training [--model FILE] [--threads N] [--tokens N] [--rank R] [--steps N]
                                      [--pytorch-python PYTHON]

            """.utf8))
        exit(2)
    }
}
