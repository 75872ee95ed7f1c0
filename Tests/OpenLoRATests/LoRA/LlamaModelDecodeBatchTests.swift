import Testing
import OpenLoRA
import Tensor

/// Batched decoding with a different adapter (or none) per request equals running each
/// request alone with its adapter. The base products of a batch are matrix–matrix products
/// and a single request's are matrix–vector products, which round differently, so rows are
/// compared within max |batched − alone| ≤ 1e-6 · max(1, max |alone|); a batch of one is
/// computed exactly as a single request and compared bit for bit.
@Suite struct LlamaModelDecodeBatchTests {
    static let tolerance: Float = 1e-6
    static let prompts: [[Int]] = [[5, 9, 200], [17], [3, 3, 3, 3, 80], [250, 1], [42, 43, 44, 45], [7, 8]]
    static let adapterNames: [String?] = ["base-r4-qv", nil, "base-r8-all", "base-r4-qv", "base-r8-rslora",
                                          "base-r4-regex"]

    @Test(arguments: ["base-f32.gguf", "base-q4_1.gguf", "base-hf"])
    func batchedStepsEqualSingleRuns(_ file: String) throws {
        let model = try LoRAFixtures.model(file)
        var loaded: [String: LoRAAdapter] = [:]
        for case let name? in Self.adapterNames { loaded[name] = try LoRAFixtures.adapter(name, for: model) }
        let adapters = Self.adapterNames.map { $0.flatMap { loaded[$0] } }
        let batched = Self.prompts.map { _ in model.makeState() }, alone = Self.prompts.map { _ in model.makeState() }
        var next: [Int] = []
        for (index, prompt) in Self.prompts.enumerated() {
            _ = try model.forward(prompt, state: batched[index], adapter: adapters[index])
            let logits = try model.forward(prompt, state: alone[index], adapter: adapters[index])
            next.append(Self.argmax(logits.scalars))
        }
        let workspace = model.makeBatchWorkspace(capacity: 8)
        for step in 0..<3 {
            let logits = try model.decodeBatch(tokens: next, states: batched, adapters: adapters, workspace: workspace)
            #expect(logits.shape == [Self.prompts.count, model.configuration.vocabularySize])
            for index in Self.prompts.indices {
                let single = try model.forward([next[index]], state: alone[index], adapter: adapters[index])
                let error = OpenLoRAFixtures.relativeError(Array(logits.row(index)), single.scalars[...])
                #expect(error <= Self.tolerance, "\(file) step \(step) request \(index): relative error \(error)")
                #expect(batched[index].position == alone[index].position)
                next[index] = Self.argmax(single.scalars)
            }
        }
    }

    @Test func aBatchOfOneIsExactlyASingleRun() throws {
        let model = try LoRAFixtures.model("base-q8_0.gguf")
        let adapter = try LoRAFixtures.adapter("base-r8-all", for: model)
        let batched = model.makeState(), alone = model.makeState()
        _ = try model.forward([1, 2, 3], state: batched, adapter: adapter)
        _ = try model.forward([1, 2, 3], state: alone, adapter: adapter)
        for token in [10, 20, 30] {
            let row = try model.decodeBatch(tokens: [token], states: [batched], adapters: [adapter])
            let single = try model.forward([token], state: alone, adapter: adapter)
            #expect(row.scalars == single.scalars)
        }
    }

    @Test func refusesBadBatchesWithoutChangingAnyState() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let adapter = try LoRAFixtures.adapter("base-r4-qv", for: model)
        let foreign = try LoRAFixtures.adapter("base-r4-qv", for: try LoRAFixtures.model("base-hf"))
        let states = [model.makeState(contextCapacity: 2), model.makeState(contextCapacity: 2)]
        _ = try model.forward([1, 2], state: states[1])
        let fresh = [states[0], model.makeState()]
        let cases: [(tokens: [Int], states: [LlamaRunState], adapters: [LoRAAdapter?], kind: OpenLoRAError.Kind)] = [
            ([], [], [], .invalidOptions), ([1, 2], fresh, [adapter], .invalidOptions),
            ([1, 256], fresh, [adapter, nil], .tokenOutOfRange), ([1, 2], states, [adapter, nil], .contextOverflow),
            ([1, 2], fresh, [nil, foreign], .invalidAdapter),
        ]
        for (tokens, states, adapters, kind) in cases {
            #expect { try model.decodeBatch(tokens: tokens, states: states, adapters: adapters) } throws: {
                ($0 as? OpenLoRAError)?.kind == kind
            }
        }
        let small = model.makeBatchWorkspace(capacity: 1)
        #expect {
            try model.decodeBatch(tokens: [1, 2], states: fresh, adapters: [nil, nil], workspace: small)
        } throws: { ($0 as? OpenLoRAError)?.kind == .invalidOptions }
        #expect(fresh[0].position == 0 && fresh[1].position == 0 && states[1].position == 2)
    }

    static func argmax(_ values: [Float]) -> Int {
        values.indices.max { values[$0] < values[$1] }!
    }
}
