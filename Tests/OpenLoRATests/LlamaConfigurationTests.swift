import Testing
import ModelFiles
import OpenLoRA
import Tensor

/// Configurations read from the fixture files, and refusals of what is not implemented.
@Suite struct LlamaConfigurationTests {
    static let base = LlamaConfiguration(vocabularySize: 256, embeddingLength: 64, feedForwardLength: 160,
                                         blockCount: 2, headCount: 4, keyValueHeadCount: 2, headDimension: 16,
                                         contextLength: 64, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000,
                                         ropeLayout: .halves, tiesEmbeddings: false)

    static func huggingFace(_ folder: String) throws -> LlamaConfiguration {
        try LlamaConfiguration(huggingFaceConfigurationFile: OpenLoRAFixtures.path(folder + "/config.json"))
    }

    static func gguf(_ file: String) throws -> LlamaConfiguration {
        try LlamaConfiguration(gguf: GGUFFile(contentsOfFile: OpenLoRAFixtures.path(file)))
    }

    @Test func readsHuggingFaceAndGGUFAlike() throws {
        let huggingFace = try Self.huggingFace("base-hf")
        #expect(huggingFace == Self.base)
        var gguf = try Self.gguf("base-q4_0.gguf")
        #expect(gguf.ropeLayout == .interleaved)
        gguf.ropeLayout = .halves
        #expect(gguf == Self.base)
    }

    @Test func readsRopeScalingAndTiedEmbeddings() throws {
        let llama3 = try Self.huggingFace("llama3-hf")
        #expect(llama3.ropeScaling == .llama3(factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4,
                                              originalContextLength: 64))
        #expect(llama3.tiesEmbeddings && llama3.keyValueHeadCount == 2 && llama3.rmsNormEpsilon == 1e-6)
        let ggufLlama3 = try Self.gguf("llama3-f16.gguf")
        guard case .frequencyFactors(let factors) = ggufLlama3.ropeScaling else {
            Issue.record("GGUF llama3 scaling is \(ggufLlama3.ropeScaling)")
            return
        }
        #expect(factors.count == 4 && ggufLlama3.tiesEmbeddings)
        let linear = try Self.gguf("linear-f32.gguf")
        #expect(linear.ropeScaling == .linear(factor: 2) && linear.ropeFrequencyBase == 500_000)
        #expect(linear.keyValueHeadCount == 1 && !linear.tiesEmbeddings)
    }

    static func configuration(json: String) throws -> LlamaConfiguration {
        try Array(json.utf8).withUnsafeBytes { try LlamaConfiguration(huggingFaceConfiguration: $0) }
    }

    static let minimal = #""vocab_size": 8, "hidden_size": 4, "intermediate_size": 8, "num_hidden_layers": 1, "#
        + #""num_attention_heads": 2"#

    @Test func huggingFaceDefaultsFollowLlamaConfig() throws {
        let config = try Self.configuration(json: "{\(Self.minimal)}")
        #expect(config.keyValueHeadCount == 2 && config.headDimension == 2 && config.contextLength == 2048)
        #expect(config.rmsNormEpsilon == 1e-6 && config.ropeFrequencyBase == 10_000 && !config.tiesEmbeddings)
        #expect(config.ropeScaling == .none)
    }

    @Test(arguments: [
        (#""model_type": "mistral""#, OpenLoRAError.Kind.unsupportedArchitecture),
        (#""attention_bias": true"#, .invalidConfiguration), (#""hidden_act": "gelu""#, .invalidConfiguration),
        (#""rope_scaling": {"rope_type": "yarn", "factor": 4}"#, .invalidConfiguration),
        (#""rope_scaling": {"type": "linear"}"#, .invalidConfiguration),
        (#""num_key_value_heads": 3"#, .invalidConfiguration),
        (#""max_position_embeddings": -1"#, .invalidConfiguration),
        (#""rms_norm_eps": "small""#, .invalidConfiguration),
    ])
    func huggingFaceRefusals(_ extra: String, _ kind: OpenLoRAError.Kind) {
        #expect { try Self.configuration(json: "{\(Self.minimal), \(extra)}") } throws: {
            ($0 as? OpenLoRAError)?.kind == kind
        }
    }

    @Test func refusesTextThatIsNotAConfiguration() {
        for text in ["[]", "{", "{\"vocab_size\": 8}", ""] {
            #expect(throws: OpenLoRAError.self) { try Self.configuration(json: text) }
        }
    }

    @Test(arguments: [
        ("general.architecture", GGUFBuilder.Value?.some(.string("gpt2")), OpenLoRAError.Kind.unsupportedArchitecture),
        ("llama.embedding_length", GGUFBuilder.Value?.none, .invalidConfiguration),
        ("llama.attention.head_count_kv", .uint32Array([2]), .invalidConfiguration),
        ("llama.rope.scaling.type", .string("yarn"), .invalidConfiguration),
        ("llama.rope.dimension_count", .uint32(1), .invalidConfiguration),
        ("llama.block_count", .uint32(5_000), .invalidConfiguration),
    ])
    func ggufRefusals(_ key: String, _ value: GGUFBuilder.Value?, _ kind: OpenLoRAError.Kind) throws {
        var builder = GGUFBuilder.tinyLlama()
        builder.set(key, value)
        let file = try GGUFFile(bytes: builder.bytes())
        #expect { try LlamaConfiguration(gguf: file) } throws: { ($0 as? OpenLoRAError)?.kind == kind }
    }

    @Test func theBuilderModelLoads() throws {
        let file = try GGUFFile(bytes: GGUFBuilder.tinyLlama().bytes())
        let model = try LlamaModel(gguf: file, backend: OpenLoRAFixtures.backend)
        #expect(model.configuration.vocabularySize == 4 && model.configuration.tiesEmbeddings)
    }
}
