import Testing
import OpenLoRA
import Tensor

/// The forward pass with an adapter against the reference (numpy LlamaForCausalLM with PEFT's
/// lora.Linear), on Hugging Face and GGUF bases. Tolerance as for the base model:
/// max |ours − reference| ≤ tolerance · max(1, max |reference|) per position: 1e-5 for
/// prompts, `OpenLoRAFixtures.decodingTolerance(forFile:)` of the base file for one-token steps.
@Suite struct LlamaModelLoRATests {
    static func referenceRow(_ reference: LoRAFixtures.Case, _ position: Int, _ vocabulary: Int) -> ArraySlice<Float> {
        reference.logits[(position * vocabulary)..<((position + 1) * vocabulary)]
    }

    @Test(arguments: LoRAFixtures.pairings)
    func prefillWithAdapterMatchesReference(_ pairing: LoRAFixtures.Pairing) throws {
        let model = try LoRAFixtures.model(pairing.modelFile)
        let reference = try #require(LoRAFixtures.expected[pairing.caseName])
        let adapter = try LoRAFixtures.adapter(reference.adapter, for: model)
        let logits = try model.forward(reference.tokens, state: model.makeState(batchCapacity: 4), adapter: adapter,
                                       logits: .all)
        // Chunks of 4 may leave a last chunk of one token, which runs as a decoding step.
        let tolerance = reference.tokens.count % 4 == 1
            ? OpenLoRAFixtures.decodingTolerance(forFile: pairing.modelFile) : OpenLoRAFixtures.floatTolerance
        for position in reference.tokens.indices {
            let error = OpenLoRAFixtures.relativeError(
                Array(logits.row(position)), Self.referenceRow(reference, position, model.configuration.vocabularySize))
            #expect(error <= tolerance, "\(pairing) position \(position): relative error \(error)")
        }
    }

    @Test(arguments: LoRAFixtures.pairings)
    func decodingWithAdapterMatchesReference(_ pairing: LoRAFixtures.Pairing) throws {
        let model = try LoRAFixtures.model(pairing.modelFile)
        let reference = try #require(LoRAFixtures.expected[pairing.caseName])
        let adapter = try LoRAFixtures.adapter(reference.adapter, for: model)
        let state = model.makeState()
        for (position, token) in reference.tokens.enumerated() {
            let logits = try model.forward([token], state: state, adapter: adapter)
            let error = OpenLoRAFixtures.relativeError(
                logits.scalars, Self.referenceRow(reference, position, model.configuration.vocabularySize))
            let tolerance = OpenLoRAFixtures.decodingTolerance(forFile: pairing.modelFile)
            #expect(error <= tolerance, "\(pairing) step \(position): relative error \(error)")
        }
    }

    /// Negative controls: the base alone, and on a GGUF base the adapter with B's q/k rows
    /// left in Hugging Face order, both miss the reference — the comparison sees the adapter
    /// and the permutation.
    @Test func withoutTheAdapterOrThePermutationTheReferenceIsMissed() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let reference = try #require(LoRAFixtures.expected["base-r8-all"])
        let vocabulary = model.configuration.vocabularySize, last = reference.tokens.count - 1
        let plain = try model.forward(reference.tokens, state: model.makeState())
        #expect(OpenLoRAFixtures.relativeError(plain.scalars, Self.referenceRow(reference, last, vocabulary)) > 1e-2)
        let adapter = try LoRAFixtures.adapter("base-r8-all", for: model)
        let headDimension = model.configuration.headDimension, rank = adapter.configuration.rank
        var factors: [LoRAModule: (a: [Float], b: [Float])] = [:]
        for module in adapter.modules {
            let (a, b) = try #require(adapter.factorValues(module))
            guard module.role == .query || module.role == .key else {
                factors[module] = (a, b)
                continue
            }
            // Undo what loading for an interleaved base will do, so B is applied in HF order.
            var undone = b
            for row in 0..<(b.count / rank) {
                let head = row / headDimension, within = row % headDimension
                let halvesRow = head * headDimension + (within % 2) * headDimension / 2 + within / 2
                undone.replaceSubrange((halvesRow * rank)..<((halvesRow + 1) * rank),
                                       with: b[(row * rank)..<((row + 1) * rank)])
            }
            factors[module] = (a, undone)
        }
        let unpermuted = try LoRAAdapter(configuration: adapter.configuration, factors: factors,
                                         base: model.configuration)
        let wrong = try model.forward(reference.tokens, state: model.makeState(), adapter: unpermuted)
        #expect(OpenLoRAFixtures.relativeError(wrong.scalars, Self.referenceRow(reference, last, vocabulary)) > 1e-3)
    }

    @Test func generationAppliesTheAdapter() throws {
        let model = try LoRAFixtures.model("base-q8_0.gguf")
        let reference = try #require(LoRAFixtures.expected["base-q8_0-r8-all"])
        let adapter = try LoRAFixtures.adapter(reference.adapter, for: model)
        let last = Self.referenceRow(reference, reference.tokens.count - 1, model.configuration.vocabularySize)
        let expected = last.indices.max { last[$0] < last[$1] }! - last.startIndex
        let options = GenerationOptions(maximumTokenCount: 1, stopTokenIDs: [])
        let result = try model.generate(prompt: reference.tokens, options: options, adapter: adapter)
        #expect(result.tokens == [expected])
    }
}
