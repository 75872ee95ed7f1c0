import Foundation
import OpenLoRA
import Tensor

/// `oln-bench model`: the OpenLoRA runtime on SmolLM2-135M-Instruct Q4_1 from the model cache.
/// Prints decode and prompt-processing tokens/s (and llama.cpp's on the same file, same
/// threads, same run, when a Python with llama-cpp-python is available), the throughput of 32
/// concurrent requests with 32 different rank-8 adapters against 32 with one adapter, the cold
/// load time of a rank-8 adapter on every projection, and 1,000 adapters loaded through an
/// LRU cache under a byte budget with the peak resident memory.
enum ModelBenchmark {
    struct Settings {
        var modelPath: String
        var threadCount = CPUBackend.coreCount
        var llamaPython = ProcessInfo.processInfo.environment["OLN_LLAMA_CPP_PYTHON"] ?? "/tmp/venv-llamacpp/bin/python"
        var promptTokenCount = 128
        var decodeTokenCount = 64
        var adapterCount = 1000
        var adapterBudgetBytes = 256 << 20
    }

    static func run(arguments: [String]) {
        var settings = Settings(modelPath: defaultModelPath())
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard let value = remaining.popFirst() else { usage("\(name) needs a value") }
            switch name {
            case "--model": settings.modelPath = value
            case "--threads": settings.threadCount = positive(value, name)
            case "--llama-cpp-python": settings.llamaPython = value
            case "--prompt-tokens": settings.promptTokenCount = positive(value, name)
            case "--decode-tokens": settings.decodeTokenCount = positive(value, name)
            case "--adapters": settings.adapterCount = positive(value, name)
            default: usage("unknown option \(name)")
            }
        }
        do {
            try measure(settings)
        } catch {
            FileHandle.standardError.write(Data("oln-bench model: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func measure(_ settings: Settings) throws {
        guard FileManager.default.fileExists(atPath: settings.modelPath) else {
            throw BenchmarkFailure("\(settings.modelPath) is absent; run Scripts/setup to fetch the model")
        }
        CPUBackend.setBLASThreadCount(settings.threadCount)
        let model = try LlamaModel(ggufFile: settings.modelPath, backend: CPUBackend(threadCount: settings.threadCount))
        report("model \(settings.modelPath), \(settings.threadCount) threads, "
               + "\(ProcessInfo.processInfo.processorCount) cores")
        let ours = try SpeedMeasurement.measure(model, promptTokenCount: settings.promptTokenCount,
                                                decodeTokenCount: settings.decodeTokenCount)
        report("oln        decode \(format(ours.decode)) tokens/s   prompt processing \(format(ours.prompt)) tokens/s")
        compareWithLlamaCpp(ours, settings: settings)
        try AdapterServingBenchmark(model: model).run(adapterCount: settings.adapterCount,
                                                      budgetBytes: settings.adapterBudgetBytes)
    }

    private static func compareWithLlamaCpp(_ ours: SpeedMeasurement, settings: Settings) {
        switch LlamaCppReference.measure(python: settings.llamaPython, modelPath: settings.modelPath,
                                         threadCount: settings.threadCount, prompt: ours.promptTokens,
                                         decodeTokens: ours.decodeTokens) {
        case .success(let reference):
            report("llama.cpp  decode \(format(reference.decode)) tokens/s   prompt processing "
                   + "\(format(reference.prompt)) tokens/s   (\(reference.version))")
            report("ratio      decode \(format(ours.decode / reference.decode, decimals: 2))   prompt processing "
                   + "\(format(ours.prompt / reference.prompt, decimals: 2))   (target ≥ 0.70)")
        case .failure(let error):
            report("llama.cpp  skipped: \(error)")
        }
    }

    static func defaultModelPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        let root = environment["OLN_CACHE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache/oln"
        return root + "/models/SmolLM2-135M-Instruct.Q4_1.gguf"
    }

    static func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func format(_ value: Double, decimals: Int = 1) -> String {
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
            oln-bench model: \(message)
            usage: oln-bench model [--model FILE] [--threads N] [--llama-cpp-python PYTHON]
                                   [--prompt-tokens N] [--decode-tokens N] [--adapters N]

            """.utf8))
        exit(2)
    }
}
