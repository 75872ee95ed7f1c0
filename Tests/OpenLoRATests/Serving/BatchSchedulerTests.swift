import Dispatch
import Foundation
import OpenLoRA
import Testing

/// Continuous batching: every request's tokens and stop reason equal `generate` run for it
/// alone (greedy decoding, so the rounding of batched products cannot change a choice on
/// these fixtures), whatever joins or leaves the batch around it.
@Suite struct BatchSchedulerTests {
    /// A request and the adapter fixture it uses.
    struct Case {
        let prompt: [Int]
        let adapter: String?
        let options: GenerationOptions
    }

    static func options(_ maximum: Int, stops: Set<Int>? = [], sequences: [[Int]] = [],
                        sampling: SamplingParameters = .greedy) -> GenerationOptions {
        GenerationOptions(maximumTokenCount: maximum, sampling: sampling, stopTokenIDs: stops, stopSequences: sequences)
    }

    static let cases: [Case] = [
        Case(prompt: [5, 9, 200], adapter: "base-r4-qv", options: options(9)),
        Case(prompt: [17], adapter: nil, options: options(4)),
        Case(prompt: [3, 3, 3, 3, 80], adapter: "base-r8-all", options: options(12)),
        Case(prompt: [250, 1], adapter: "base-r4-qv", options: options(1)),
        Case(prompt: [42, 43, 44, 45], adapter: "base-r8-rslora", options: options(7)),
        Case(prompt: [7, 8], adapter: nil, options: options(0)),
        Case(prompt: Array(0..<40), adapter: "base-r4-regex", options: options(6)),
        Case(prompt: [99, 98], adapter: nil,
             options: options(8, sampling: SamplingParameters(temperature: 0.9, topK: 20, topP: 0.9, seed: 7))),
    ]

    static func adapters(for model: LlamaModel) throws -> [String: LoRAAdapter] {
        var loaded: [String: LoRAAdapter] = [:]
        for case let name? in cases.map(\.adapter) where loaded[name] == nil {
            loaded[name] = try LoRAFixtures.adapter(name, for: model)
        }
        return loaded
    }

    static func alone(_ model: LlamaModel, _ request: GenerationRequest) throws -> GenerationResult {
        try model.generate(prompt: request.prompt, options: request.options, adapter: request.adapter)
    }

    static func requests(_ model: LlamaModel) throws -> [GenerationRequest] {
        let adapters = try adapters(for: model)
        return cases.map {
            GenerationRequest(prompt: $0.prompt, options: $0.options, adapter: $0.adapter.flatMap { adapters[$0] })
        }
    }

    /// Steps until nothing is left; returns each step's report.
    static func drain(_ scheduler: BatchScheduler, stepLimit: Int = 1000) -> [SchedulerStepReport] {
        var reports: [SchedulerStepReport] = []
        while reports.count < stepLimit {
            let report = scheduler.step()
            if report.isIdle { break }
            reports.append(report)
        }
        return reports
    }

    @Test("requests submitted together end exactly as each alone",
          arguments: ["base-f32.gguf", "base-q4_1.gguf", "base-hf"])
    func togetherEqualsAlone(_ file: String) throws {
        let model = try LoRAFixtures.model(file)
        let requests = try Self.requests(model)
        let scheduler = BatchScheduler(model: model)
        let outcomes = SchedulerOutcomes()
        for (key, request) in requests.enumerated() {
            try scheduler.submit(request, onToken: outcomes.onToken(key), onFinish: outcomes.onFinish(key))
        }
        let reports = Self.drain(scheduler)
        #expect(reports.first?.admittedCount == requests.count)
        for (key, request) in requests.enumerated() {
            let expected = try Self.alone(model, request)
            #expect(outcomes.generation(key) == expected, "\(file) request \(key)")
            #expect(outcomes.streamedTokens(key) == expected.tokens)
            #expect(outcomes.finishCount(key) == 1)
        }
        let statistics = scheduler.statistics
        #expect(statistics.finishedCount == requests.count)
        #expect(statistics.submittedCount == requests.count)
        #expect(statistics.largestBatch == requests.count - 2)  // maximum 0 and 1 end at prefill
    }

    @Test("requests join and leave the running batch at step boundaries")
    func joinAndLeave() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let adapters = try Self.adapters(for: model)
        let requests = [
            GenerationRequest(prompt: [5, 9, 200], options: Self.options(12), adapter: adapters["base-r4-qv"]),
            GenerationRequest(prompt: [17], options: Self.options(4)),
            GenerationRequest(prompt: [3, 3, 3, 3, 80], options: Self.options(6), adapter: adapters["base-r8-all"]),
            GenerationRequest(prompt: [42, 43, 44, 45], options: Self.options(5), adapter: adapters["base-r8-rslora"]),
        ]
        let scheduler = BatchScheduler(model: model)
        let outcomes = SchedulerOutcomes()
        let submit = { (key: Int) in
            _ = try scheduler.submit(requests[key], onToken: outcomes.onToken(key), onFinish: outcomes.onFinish(key))
        }
        var reports: [SchedulerStepReport] = []
        try submit(0)
        for _ in 0..<3 { reports.append(scheduler.step()) }
        try submit(1)
        try submit(2)
        for _ in 0..<2 { reports.append(scheduler.step()) }
        try submit(3)
        reports += Self.drain(scheduler)
        // Prefill gives a request its first token and each step one more. Request 0 runs alone
        // for 3 steps; 1 and 2 join at step 4, 3 at step 6; 1 leaves at step 6 (4 tokens), 2
        // at step 8 (6), 3 at step 9 (5) and 0 at step 11 (12).
        #expect(reports.map(\.decodedCount) == [1, 1, 1, 3, 3, 4, 3, 3, 2, 1, 1])
        #expect(reports.map(\.admittedCount) == [1, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0])
        #expect(reports.map(\.finishedCount) == [0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1])
        for key in requests.indices {
            #expect(outcomes.generation(key) == (try Self.alone(model, requests[key])), "request \(key)")
        }
    }

    @Test("stop tokens and stop sequences end a request as generate ends it")
    func stopConditions() throws {
        let model = try LoRAFixtures.model("base-hf")
        let free = try model.generate(prompt: [11, 12], options: Self.options(10))
        try #require(free.tokens.count == 10)
        let variants = [
            Self.options(10, stops: [free.tokens[4]]),
            Self.options(10, sequences: [Array(free.tokens[2...3]), [free.tokens[6]]]),
            Self.options(10, stops: nil),  // the model's end-of-sequence id from config.json
        ]
        let scheduler = BatchScheduler(model: model)
        let outcomes = SchedulerOutcomes()
        for (key, options) in variants.enumerated() {
            try scheduler.submit(GenerationRequest(prompt: [11, 12], options: options),
                                 onToken: outcomes.onToken(key), onFinish: outcomes.onFinish(key))
        }
        _ = Self.drain(scheduler)
        for (key, options) in variants.enumerated() {
            let expected = try model.generate(prompt: [11, 12], options: options)
            #expect(outcomes.generation(key) == expected, "variant \(key)")
            #expect(outcomes.streamedTokens(key) == expected.tokens)
        }
        #expect(outcomes.generation(0)?.stopReason == .stopToken(free.tokens[4]))
        #expect(outcomes.generation(1)?.stopReason == .stopSequence(Array(free.tokens[2...3])))
    }

    @Test("a full queue refuses with queueFull; room frees up once requests join the batch")
    func queueFull() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let scheduler = BatchScheduler(model: model, limits: SchedulerLimits(batchCapacity: 2, queueCapacity: 3))
        let outcomes = SchedulerOutcomes()
        for key in 0..<3 {
            try scheduler.submit(GenerationRequest(prompt: [key + 1], options: Self.options(3)),
                                 onToken: outcomes.onToken(key), onFinish: outcomes.onFinish(key))
        }
        #expect(throws: SchedulerRefusal.queueFull(queueCapacity: 3)) {
            try scheduler.submit(GenerationRequest(prompt: [9]), onFinish: outcomes.onFinish(9))
        }
        #expect(scheduler.statistics.refusedCount == 1)
        let first = scheduler.step()
        #expect(first.admittedCount == 2)  // the batch holds two
        #expect(first.queuedCount == 1)
        try scheduler.submit(GenerationRequest(prompt: [4], options: Self.options(3)),
                             onToken: outcomes.onToken(3), onFinish: outcomes.onFinish(3))
        let reports = Self.drain(scheduler)
        #expect(reports.allSatisfy { $0.decodedCount <= 2 })
        #expect(outcomes.finishedCount == 4)
        #expect(outcomes.result(9) == nil)
    }

    @Test("requests that could never run are refused at submission")
    func invalidRequests() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let foreign = try LoRAFixtures.adapter("llama3-r4-all", for: try LoRAFixtures.model("llama3-hf"))
        let scheduler = BatchScheduler(model: model, limits: SchedulerLimits(contextCapacityMaximum: 16))
        let cases: [(GenerationRequest, OpenLoRAError.Kind)] = [
            (GenerationRequest(prompt: []), .invalidOptions),
            (GenerationRequest(prompt: [1, 256]), .tokenOutOfRange),
            (GenerationRequest(prompt: Array(repeating: 1, count: 17)), .contextOverflow),
            (GenerationRequest(prompt: [1], adapter: foreign), .invalidAdapter),
            (GenerationRequest(prompt: [1], options: Self.options(-1)), .invalidOptions),
        ]
        for (request, kind) in cases {
            do {
                try scheduler.submit(request) { _ in Issue.record("a refused request finished") }
                Issue.record("accepted a request that should be refused (\(kind))")
            } catch {
                guard case .invalidRequest(let cause) = error else {
                    Issue.record("refused with \(error), not invalidRequest")
                    continue
                }
                #expect(cause.kind == kind)
            }
        }
        #expect(scheduler.statistics.submittedCount == 0)
        #expect(scheduler.step().isIdle)
    }

    @Test("a token callback returning false cancels only its request")
    func cancellation() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let scheduler = BatchScheduler(model: model)
        let outcomes = SchedulerOutcomes()
        try scheduler.submit(GenerationRequest(prompt: [5], options: Self.options(8)),
                             onToken: outcomes.onToken(0, cancelAfter: 3), onFinish: outcomes.onFinish(0))
        try scheduler.submit(GenerationRequest(prompt: [6], options: Self.options(8)),
                             onToken: outcomes.onToken(1), onFinish: outcomes.onFinish(1))
        _ = Self.drain(scheduler)
        #expect(outcomes.generation(0)?.stopReason == .cancelled)
        #expect(outcomes.generation(0)?.tokens.count == 3)
        #expect(outcomes.generation(1) == (try model.generate(prompt: [6], options: Self.options(8))))
    }

    @Test("a lease is released when its request ends")
    func leaseRelease() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let cache = AdapterCache(byteBudget: 1 << 24)
        let adapter = try LoRAFixtures.adapter("base-r4-qv", for: model)
        let lease = try cache.acquire("qv") { () throws(OpenLoRAError) in adapter }
        let scheduler = BatchScheduler(model: model)
        let outcomes = SchedulerOutcomes()
        let request = GenerationRequest(prompt: [5, 9, 200], options: Self.options(9), lease: lease)
        try scheduler.submit(request, onToken: outcomes.onToken(0), onFinish: outcomes.onFinish(0))
        #expect(cache.statistics.inUseCount == 1)
        _ = Self.drain(scheduler)
        #expect(cache.statistics.inUseCount == 0)
        #expect(outcomes.generation(0) == (try Self.alone(model, request)))
    }
}
