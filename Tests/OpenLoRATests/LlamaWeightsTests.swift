import Testing
import ModelFiles
import OpenLoRA
import Tensor

/// Loading refusals name the tensor; tied embeddings share storage.
@Suite struct LlamaWeightsTests {
    static let gguf = { () -> GGUFFile in
        do {
            return try GGUFFile(contentsOfFile: OpenLoRAFixtures.path("base-q8_0.gguf"))
        } catch {
            preconditionFailure("fixture: \(error)")
        }
    }()

    @Test func aMissingTensorIsNamed() throws {
        let configuration = try LlamaConfiguration(gguf: Self.gguf)
        #expect(throws: OpenLoRAError(.missingTensor, "tensor blk.1.ffn_up.weight is missing")) {
            try LlamaWeights(configuration: configuration, names: .gguf) { name throws(OpenLoRAError) in
                name == "blk.1.ffn_up.weight" ? nil : Self.gguf.tensor(named: name)
            }
        }
    }

    @Test func aTensorOfTheWrongShapeIsNamed() throws {
        var configuration = try LlamaConfiguration(gguf: Self.gguf)
        configuration.feedForwardLength = 128
        #expect { try LlamaWeights(configuration: configuration, names: .gguf) { name throws(OpenLoRAError) in
            Self.gguf.tensor(named: name)
        } } throws: { error in
            let error = error as? OpenLoRAError
            return error?.kind == .shapeMismatch && error?.message.contains("blk.0.ffn_gate.weight") == true
        }
    }

    @Test func validationNamesTheLayer() throws {
        let model = try LlamaModel(ggufFile: OpenLoRAFixtures.path("base-q8_0.gguf"), backend: OpenLoRAFixtures.backend)
        var weights = model.weights
        weights.layers[1].value = weights.layers[1].query
        #expect(throws: OpenLoRAError(.shapeMismatch, "layer 1 value is 64 × 64, not 32 × 64")) {
            try weights.validate(against: model.configuration)
        }
        weights = model.weights
        weights.layers.removeLast()
        #expect { try weights.validate(against: model.configuration) } throws: {
            ($0 as? OpenLoRAError)?.kind == .shapeMismatch
        }
    }

    @Test func tiedEmbeddingsShareStorageAndAreCountedOnce() throws {
        let tied = try LlamaModel(huggingFaceDirectory: OpenLoRAFixtures.path("llama3-hf"),
                                  backend: OpenLoRAFixtures.backend)
        #expect(tied.weights.output.storageIdentity == tied.weights.tokenEmbedding.storageIdentity)
        #expect(tied.weights.tokenEmbedding.type == .bf16)
        let c = tied.configuration
        let perLayer = 2 * (2 * c.queryWidth * c.embeddingLength + 2 * c.keyValueWidth * c.embeddingLength
                            + 3 * c.feedForwardLength * c.embeddingLength) + 2 * 4 * c.embeddingLength
        let expected = 2 * c.vocabularySize * c.embeddingLength + c.blockCount * perLayer + 4 * c.embeddingLength
        #expect(tied.weights.byteCount == expected)
    }
}
