import Foundation
import OpenLoRA
import Synchronization

/// Many adapters over one base: 32 concurrent requests with 32 different rank-8 adapters
/// against 32 with one shared adapter (both through `BatchScheduler`), the cold load of a
/// rank-8 adapter on every projection from disk, and adapters loaded through an LRU
/// `AdapterCache` under a byte budget, with the process's peak resident memory.
struct AdapterServingBenchmark {
    let model: LlamaModel
    static let rank = 8
    static let requestCount = 32
    static let promptTokenCount = 16
    static let generatedTokenCount = 32

    func run(adapterCount: Int, budgetBytes: Int) throws {
        let adapters = RandomAdapters(base: model.configuration, rank: Self.rank)
        let folder = NSTemporaryDirectory() + "oln-bench-adapter-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try adapters.make(seed: 1)
        try first.write(toDirectory: folder)
        try coldLoad(folder, adapterBytes: first.byteCount)
        try lruRegistration(folder, count: adapterCount, budgetBytes: budgetBytes)
        let distinct = try [first] + (2...UInt64(Self.requestCount)).map { try adapters.make(seed: $0) }
        try compareServing(shared: first, distinct: distinct)
    }

    private func compareServing(shared adapter: LoRAAdapter, distinct: [LoRAAdapter]) throws {
        let none = try throughput(Array(repeating: nil, count: Self.requestCount))
        let shared = try throughput(Array(repeating: adapter, count: Self.requestCount))
        let different = try throughput(distinct)
        let f = { (value: Double) in ModelBenchmark.format(value) }
        let ratio = { (value: Double) in ModelBenchmark.format(value, decimals: 2) }
        ModelBenchmark.report("serving    \(Self.requestCount) requests × \(Self.generatedTokenCount) tokens (prompts "
                              + "of \(Self.promptTokenCount)), tokens/s overall (prefill included) / in decode steps:")
        ModelBenchmark.report("           no adapter \(f(none.total)) / \(f(none.decode)), one shared rank-8 adapter "
                              + "\(f(shared.total)) / \(f(shared.decode)), \(Self.requestCount) different adapters "
                              + "\(f(different.total)) / \(f(different.decode))")
        ModelBenchmark.report("ratio      different / shared: overall \(ratio(different.total / shared.total)), decode "
                              + "steps \(ratio(different.decode / shared.decode)) (target ≥ 0.80)")
    }

    /// Median and first of 20 loads of the adapter folder (weights file in the page cache).
    private func coldLoad(_ folder: String, adapterBytes: Int) throws {
        var times: [Double] = []
        for _ in 0..<20 {
            let start = ModelBenchmark.seconds()
            _ = try LoRAAdapter(directory: folder, base: model.configuration)
            times.append((ModelBenchmark.seconds() - start) * 1000)
        }
        let median = times.sorted()[times.count / 2]
        let megabytes = ModelBenchmark.format(Double(adapterBytes) / 1e6)
        ModelBenchmark.report("adapter    load of a rank-\(Self.rank) adapter on all projections (\(megabytes) MB F32): "
                              + "first \(ModelBenchmark.format(times[0], decimals: 2)) ms, median "
                              + "\(ModelBenchmark.format(median, decimals: 2)) ms (target < 20 ms)")
    }

    /// `count` adapters acquired by name through an LRU cache (each a load from disk on its
    /// miss), then a second pass over the names still held (hits).
    private func lruRegistration(_ folder: String, count: Int, budgetBytes: Int) throws {
        let cache = AdapterCache(byteBudget: budgetBytes)
        let before = ProcessMemory.peakResidentBytes()
        let base = model.configuration
        let start = ModelBenchmark.seconds()
        for index in 0..<count {
            try cache.acquire("adapter-\(index)") { () throws(OpenLoRAError) in
                try LoRAAdapter(directory: folder, base: base)
            }.release()
        }
        let elapsed = ModelBenchmark.seconds() - start
        let held = cache.statistics.adapterCount
        let hitStart = ModelBenchmark.seconds()
        for index in (count - held)..<count {
            try cache.acquire("adapter-\(index)") { () throws(OpenLoRAError) in
                throw OpenLoRAError(.invalidAdapter, "a hit was expected")
            }.release()
        }
        let hit = (ModelBenchmark.seconds() - hitStart) * 1e6 / Double(max(1, held))
        let statistics = cache.statistics
        let f = { (value: Double, decimals: Int) in ModelBenchmark.format(value, decimals: decimals) }
        ModelBenchmark.report("lru        \(count) adapters through a \(budgetBytes >> 20) MiB cache: "
                              + "\(statistics.missCount) loads in \(f(elapsed, 2)) s, \(statistics.evictionCount) "
                              + "evictions, \(held) held (\(f(Double(statistics.byteCount) / 1e6, 1)) MB), hit "
                              + "\(f(hit, 2)) µs")
        let peak = Double(ProcessMemory.peakResidentBytes()) / 1e6
        ModelBenchmark.report("memory     peak resident \(f(peak, 1)) MB (\(f(Double(before) / 1e6, 1)) MB before "
                              + "the adapters)")
    }

    /// Tokens per second of `adapters.count` requests submitted at once to a scheduler: over
    /// the whole run (prefill included, first submission to last completion) and over the
    /// decode steps after the first (every request in the batch, no prefill).
    private func throughput(_ adapters: [LoRAAdapter?]) throws -> (total: Double, decode: Double) {
        let scheduler = BatchScheduler(model: model, limits: SchedulerLimits(batchCapacity: adapters.count))
        let generated = Atomic<Int>(0)
        let vocabulary = model.configuration.vocabularySize
        let options = GenerationOptions(maximumTokenCount: Self.generatedTokenCount, stopTokenIDs: [])
        let start = ModelBenchmark.seconds()
        for (index, adapter) in adapters.enumerated() {
            let prompt = SpeedMeasurement.tokens(count: Self.promptTokenCount, vocabularySize: vocabulary,
                                                 stride: 7919 + index)
            try scheduler.submit(GenerationRequest(prompt: prompt, options: options, adapter: adapter)) { result in
                if case .success(let value) = result { generated.add(value.tokens.count, ordering: .relaxed) }
            }
        }
        scheduler.step()  // admits and prefills every request, then the first decode step
        let decodeStart = ModelBenchmark.seconds()
        var decoded = 0
        while true {
            let report = scheduler.step()
            if report.isIdle { break }
            decoded += report.decodedCount
        }
        let end = ModelBenchmark.seconds()
        return (Double(generated.load(ordering: .relaxed)) / (end - start), Double(decoded) / (end - decodeStart))
    }
}
