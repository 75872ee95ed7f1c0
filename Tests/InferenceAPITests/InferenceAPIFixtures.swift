import Foundation
import HTTP
import InferenceAPI
import IO
import OpenLoRA
import Tensor
import Tokenizers
import TestSupport

/// A tiny random Llama model whose vocabulary is the committed SmolLM2 test tokenizer's
/// (1200 ids; no committed model shares a vocabulary with a committed tokenizer), an
/// adapter for it, and a running server over both.
enum InferenceAPIFixtures {
    static let tokenizerFolder: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.deletingLastPathComponent().appendingPathComponent("TokenizersTests/Fixtures").path + "/"
    }()

    static let tokenizer: Tokenizer = {
        do {
            return try Tokenizer(tokenizerJSONAt: tokenizerFolder + "smollm2.tokenizer.json",
                                 configurationAt: tokenizerFolder + "smollm2.tokenizer_config.json")
        } catch {
            preconditionFailure("cannot load the SmolLM2 test tokenizer: \(error)")  // a broken fixture is a test bug
        }
    }()

    static let backend = CPUBackend(threadCount: 1)

    static let configuration = LlamaConfiguration(
        vocabularySize: 1200, embeddingLength: 32, feedForwardLength: 64, blockCount: 2, headCount: 4,
        keyValueHeadCount: 2, headDimension: 8, contextLength: 96, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000,
        ropeLayout: .halves, tiesEmbeddings: false)

    /// The model, its weights drawn from a fixed seed (the same model every run).
    static let model: LlamaModel = {
        var random = SeededGenerator(seed: 20_251_125)
        let c = configuration
        func matrix(_ rows: Int, _ columns: Int, scale: Float) -> WeightMatrix {
            let values = (0..<(rows * columns)).map { _ in Float.random(in: -scale...scale, using: &random) }
            let bytes = values.withUnsafeBytes { Array($0) }
            return try! WeightMatrix(type: .f32, rowCount: rows, columnCount: columns, bytes: bytes)  // sizes match
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
        let weights = LlamaWeights(tokenEmbedding: matrix(c.vocabularySize, c.embeddingLength, scale: 1), layers: layers,
                                   outputNorm: [Float](repeating: 1, count: c.embeddingLength),
                                   output: matrix(c.vocabularySize, c.embeddingLength, scale: 1))
        return try! LlamaModel(configuration: c, weights: weights, backend: backend, endOfSequenceTokenIDs: [2])
    }()

    /// A rank-2 adapter on every query and value projection, from a fixed seed.
    static func adapter(seed: UInt64) throws(OpenLoRAError) -> LoRAAdapter {
        var random = SeededGenerator(seed: seed)
        let c = configuration
        let adapterConfiguration = LoRAAdapterConfiguration(rank: 2, alpha: 4, targetModules: .names(["q_proj", "v_proj"]))
        var factors: [LoRAModule: (a: [Float], b: [Float])] = [:]
        for layer in 0..<c.blockCount {
            for (role, width) in [(LlamaLayerRole.query, c.queryWidth), (.value, c.keyValueWidth)] {
                factors[LoRAModule(layer: layer, role: role)] = (
                    (0..<(2 * c.embeddingLength)).map { _ in Float.random(in: -1...1, using: &random) },
                    (0..<(width * 2)).map { _ in Float.random(in: -1...1, using: &random) })
            }
        }
        return try LoRAAdapter(configuration: adapterConfiguration, factors: factors, base: c)
    }
}

/// Remembers what the observer saw, and answers with a receipt naming the call.
final class RecordingObserver: CompletionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [CompletionRecord] = []

    var records: [CompletionRecord] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func extraFields(for record: CompletionRecord) -> APIValue {
        lock.lock()
        stored.append(record)
        let count = stored.count
        lock.unlock()
        return ["receipt_id": .string("receipt-\(count)"), "adapter": record.adapterName.map(APIValue.string) ?? nil,
                "output_tokens": .integer(record.outputTokenIDs.count)]
    }
}

/// A server on 127.0.0.1 and a free port, over the fixture model, with its own loop and
/// scheduler thread.
final class TestServer: @unchecked Sendable {
    static let adminToken = "test-admin-token"
    let loop: EventLoop
    let scheduler: BatchScheduler
    let server: InferenceServer
    let observer = RecordingObserver()
    let registry: AdapterRegistry
    let port: UInt16

    init(limits: SchedulerLimits = SchedulerLimits(batchCapacity: 4, queueCapacity: 16), runsScheduler: Bool = true,
         parserLimits: HTTPParserLimits = .standard) throws {
        loop = try EventLoop()
        loop.start()
        scheduler = BatchScheduler(model: InferenceAPIFixtures.model, limits: limits)
        registry = AdapterRegistry(cache: AdapterCache(byteBudget: 1 << 20))
        try registry.register("tiny-adapter") { () throws(OpenLoRAError) -> LoRAAdapter in
            try InferenceAPIFixtures.adapter(seed: 5)
        }
        let configuration = InferenceServerConfiguration(baseModelID: "tiny-base", port: 0, adminToken: Self.adminToken,
                                                         parserLimits: parserLimits, completionBodyByteCountMax: 4096)
        server = InferenceServer(configuration: configuration, scheduler: scheduler, tokenizer: InferenceAPIFixtures.tokenizer,
                                 adapters: registry, observer: observer)
        if runsScheduler {
            let scheduler = scheduler
            Thread { scheduler.run() }.start()
        }
        let started = ValueBox<Result<UInt16, IOError>>()
        let server = server
        let loop = loop
        loop.execute {
            do throws(IOError) {
                try server.start(on: loop)
                started.set(.success(server.localAddress?.port ?? 0))
            } catch {
                started.set(.failure(error))
            }
        }
        guard let result = started.wait(seconds: 10) else { throw IOError.timedOut }
        port = try result.get()
    }

    func stop() {
        let server = server
        loop.execute { server.stop() }
        scheduler.stop()
        loop.stop()
    }
}
