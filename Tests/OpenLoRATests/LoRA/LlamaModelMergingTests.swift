import Testing
import OpenLoRA
import Tensor

/// Merging an adapter into the base weights: the merged model's forward pass equals the base
/// with the adapter applied, within max |merged − unmerged| ≤ 1e-5 · max(1, max |unmerged|)
/// (the update is rounded into the F32 weights instead of added to the activations), and
/// equals the reference within the forward-pass tolerance.
@Suite struct LlamaModelMergingTests {
    @Test(arguments: [("base-f32.gguf", "base-r8-all"), ("base-hf", "base-r8-rslora"), ("base-q4_1.gguf", "base-r4-qv"),
                      ("llama3-f16.gguf", "llama3-r4-all")])
    func mergedForwardEqualsUnmergedForward(_ file: String, _ adapterName: String) throws {
        let model = try LoRAFixtures.model(file)
        let adapter = try LoRAFixtures.adapter(adapterName, for: model)
        let merged = try model.merging(adapter)
        let tokens = Array(LoRAFixtures.expected.values.first { $0.adapter == adapterName }!.tokens)
        let unmergedLogits = try model.forward(tokens, state: model.makeState(), adapter: adapter, logits: .all)
        let mergedLogits = try merged.forward(tokens, state: merged.makeState(), logits: .all)
        for position in tokens.indices {
            let error = OpenLoRAFixtures.relativeError(Array(mergedLogits.row(position)), unmergedLogits.row(position))
            #expect(error <= OpenLoRAFixtures.floatTolerance, "\(file) + \(adapterName) position \(position): relative error \(error)")
        }
        for layer in 0..<model.configuration.blockCount {
            let before = model.weights.layers[layer], after = merged.weights.layers[layer]
            let pairs = [(before.query, after.query), (before.key, after.key), (before.value, after.value),
                         (before.attentionOutput, after.attentionOutput), (before.gate, after.gate),
                         (before.up, after.up), (before.down, after.down)]
            for (role, (old, new)) in zip(LoRAModule.projectionRoles, pairs) {
                let targeted = adapter.modules.contains(LoRAModule(layer: layer, role: role))
                #expect(targeted ? new.type == .f32 : new.storageIdentity == old.storageIdentity)
            }
        }
    }

    @Test func mergedModelMatchesTheReference() throws {
        let model = try LoRAFixtures.model("base-q8_0.gguf")
        let reference = try #require(LoRAFixtures.expected["base-q8_0-r8-all"])
        let merged = try model.merging(try LoRAFixtures.adapter(reference.adapter, for: model))
        let logits = try merged.forward(reference.tokens, state: merged.makeState(), logits: .all)
        let vocabulary = model.configuration.vocabularySize
        for position in reference.tokens.indices {
            let expected = reference.logits[(position * vocabulary)..<((position + 1) * vocabulary)]
            let error = OpenLoRAFixtures.relativeError(Array(logits.row(position)), expected)
            #expect(error <= OpenLoRAFixtures.floatTolerance, "position \(position): relative error \(error)")
        }
    }
}
