import Testing
import ModelFiles
import OpenLoRA
import Tensor

/// Loading PEFT adapter folders for a base model: the factors, the Q/K row permutation for
/// GGUF bases, and every refusal of the weights file.
@Suite struct LoRAAdapterTests {
    static let configurationJSON = #"{"r": 4, "lora_alpha": 8, "target_modules": ["q_proj", "v_proj"]}"#

    /// The tensors of the r4-qv fixture (F32), to rebuild files with one change.
    static func fixtureTensors() throws -> [(name: String, shape: [Int], bytes: [UInt8])] {
        let file = try SafetensorsFile(bytes: LoRAFixtures.bytes("base-r4-qv", "adapter_model.safetensors"))
        return file.header.tensors.map { info in
            (info.name, info.shape, file.withUnsafeBytes(of: info) { Array($0) })
        }
    }

    static func load(_ tensors: [(name: String, shape: [Int], bytes: [UInt8])], dtype: SafetensorsDType = .f32,
                     configuration: String = configurationJSON, base: LlamaConfiguration) throws -> LoRAAdapter {
        var writer = SafetensorsWriter()
        for tensor in tensors {
            writer.addTensor(named: tensor.name, dtype: dtype, shape: tensor.shape, bytes: tensor.bytes)
        }
        return try LoRAAdapter(configurationJSON: Array(configuration.utf8),
                               safetensors: SafetensorsFile(bytes: writer.serialized()), base: base)
    }

    @Test(arguments: LoRAFixtures.pairings)
    func loadsEveryFixture(_ pairing: LoRAFixtures.Pairing) throws {
        let model = try LoRAFixtures.model(pairing.modelFile)
        let reference = try #require(LoRAFixtures.expected[pairing.caseName])
        let adapter = try LoRAFixtures.adapter(reference.adapter, for: model)
        #expect(adapter.modules.map(\.huggingFaceName) == reference.targets)
        #expect(abs(Double(adapter.scale) - reference.scale) <= 1e-7 * reference.scale)
        var bytes = 0
        for module in adapter.modules {
            let projection = try #require(adapter.projection(module))
            let matrix = model.weights.layers[module.layer]
            let base = [matrix.query, matrix.key, matrix.value, matrix.attentionOutput, matrix.gate, matrix.up,
                        matrix.down][LoRAModule.projectionRoles.firstIndex(of: module.role)!]
            #expect(projection.a.columnCount == base.columnCount && projection.b.rowCount == base.rowCount)
            #expect(projection.rank == adapter.configuration.rank)
            bytes += 4 * adapter.configuration.rank * (base.columnCount + base.rowCount)
        }
        #expect(adapter.byteCount == bytes)
        #expect(adapter.isCompatible(with: model.configuration))
    }

    /// On a GGUF base, B's q/k rows follow llama.cpp's permutation (GGUF row 2i + j of a head
    /// is Hugging Face row j·d/2 + i); every other factor is as the file holds it, and the
    /// values written back are the file's.
    @Test func permutesQueryAndKeyRowsOfBForAGGUFBase() throws {
        let huggingFace = try LoRAFixtures.model("base-hf"), gguf = try LoRAFixtures.model("base-f32.gguf")
        let halves = try LoRAFixtures.adapter("base-r8-all", for: huggingFace)
        let interleaved = try LoRAFixtures.adapter("base-r8-all", for: gguf)
        let headDimension = gguf.configuration.headDimension, rank = 8
        for module in halves.modules {
            let b = try #require(halves.projection(module)).b.dequantized()
            let permutedB = try #require(interleaved.projection(module)).b.dequantized()
            #expect(try #require(halves.projection(module)).a.dequantized()
                    == (try #require(interleaved.projection(module))).a.dequantized())
            let permuted = module.role == .query || module.role == .key
            for row in 0..<(b.count / rank) {
                let head = row / headDimension, within = row % headDimension
                let source = permuted ? head * headDimension + (within % 2) * headDimension / 2 + within / 2 : row
                #expect(permutedB[(row * rank)..<((row + 1) * rank)] == b[(source * rank)..<((source + 1) * rank)])
            }
            let (a, writtenB) = try #require(interleaved.factorValues(module))
            let halvesA = try #require(halves.factorValues(module)).a
            #expect(writtenB == b && a == halvesA)
        }
        #expect(!halves.isCompatible(with: gguf.configuration))
        #expect(!interleaved.isCompatible(with: huggingFace.configuration))
    }

    @Test func acceptsHalfPrecisionFactors() throws {
        let model = try LoRAFixtures.model("base-hf")
        let tensors = try Self.fixtureTensors().map { tensor in
            // F32 → BF16 by truncation: the loader must widen BF16 exactly.
            var bytes: [UInt8] = []
            for index in stride(from: 0, to: tensor.bytes.count, by: 4) {
                bytes += tensor.bytes[(index + 2)..<(index + 4)]
            }
            return (tensor.name, tensor.shape, bytes)
        }
        let adapter = try Self.load(tensors, dtype: .bf16, base: model.configuration)
        let original = try LoRAFixtures.adapter("base-r4-qv", for: model)
        for module in adapter.modules {
            let widened = try #require(adapter.factorValues(module)).a
            let truncated = try #require(original.factorValues(module)).a.map {
                Float(bitPattern: $0.bitPattern & 0xFFFF_0000)
            }
            #expect(widened == truncated)
        }
    }

    static let tensorRefusals: [(name: String, kind: OpenLoRAError.Kind, named: String)] = [
        ("base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector", .unsupportedAdapterFeature, "DoRA"),
        ("base_model.model.lm_head.lora_A.weight", .unsupportedAdapterFeature, "lm_head"),
        ("base_model.model.model.embed_tokens.lora_embedding_A", .unsupportedAdapterFeature, "embedding"),
        ("base_model.model.model.layers.0.self_attn.q_proj.lora_B.bias", .unsupportedAdapterFeature, "lora_bias"),
        ("base_model.model.lm_head.modules_to_save.default.weight", .unsupportedAdapterFeature, "lm_head"),
        ("base_model.model.model.layers.0.mlp.up_proj.lora_A.weight", .invalidAdapter, "does not select"),
        ("base_model.model.model.layers.7.self_attn.q_proj.lora_A.weight", .invalidAdapter, "layer 7"),
        ("base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.weight", .invalidAdapter, "not a PEFT"),
        ("model.layers.0.self_attn.q_proj.weight", .invalidAdapter, "not a PEFT"),
    ]

    @Test(arguments: 0..<tensorRefusals.count)
    func refusesForeignTensorsByName(_ index: Int) throws {
        let (name, kind, named) = Self.tensorRefusals[index]
        let model = try LoRAFixtures.model("base-hf")
        let tensors = try Self.fixtureTensors() + [(name, [4, 64], [UInt8](repeating: 0, count: 1024))]
        #expect { try Self.load(tensors, base: model.configuration) } throws: { error in
            guard let error = error as? OpenLoRAError else { return false }
            return error.kind == kind && error.message.contains(named)
        }
    }

    @Test func refusesMissingMisshapenAndMistypedFactors() throws {
        let model = try LoRAFixtures.model("base-hf"), tensors = try Self.fixtureTensors()
        let base = model.configuration
        #expect { try Self.load(Array(tensors.dropLast()), base: base) } throws: {
            ($0 as? OpenLoRAError)?.kind == .missingTensor
        }
        var reshaped = tensors
        reshaped[0].shape = [reshaped[0].shape[1], reshaped[0].shape[0]]
        #expect { try Self.load(reshaped, base: base) } throws: { ($0 as? OpenLoRAError)?.kind == .shapeMismatch }
        let wrongRank = #"{"r": 8, "lora_alpha": 8, "target_modules": ["q_proj", "v_proj"]}"#
        #expect { try Self.load(tensors, configuration: wrongRank, base: base) } throws: {
            ($0 as? OpenLoRAError)?.kind == .shapeMismatch
        }
        #expect { try Self.load(tensors, dtype: .i32, base: base) } throws: {
            ($0 as? OpenLoRAError)?.kind == .unsupportedType
        }
    }

    @Test func refusesAnAdapterForAnotherBase() throws {
        let llama3 = try LoRAFixtures.model("llama3-hf"), base = try LoRAFixtures.model("base-hf")
        #expect { try LoRAFixtures.adapter("base-r4-qv", for: llama3) } throws: {
            ($0 as? OpenLoRAError)?.kind == .shapeMismatch
        }
        let adapter = try LoRAFixtures.adapter("llama3-r4-all", for: llama3)
        #expect { try base.forward([1, 2], state: base.makeState(), adapter: adapter) } throws: {
            ($0 as? OpenLoRAError)?.kind == .invalidAdapter
        }
        #expect { try base.merging(adapter) } throws: { ($0 as? OpenLoRAError)?.kind == .invalidAdapter }
        #expect { try LoRAAdapter(directory: "/nonexistent-adapter", base: base.configuration) } throws: {
            ($0 as? OpenLoRAError)?.kind == .modelFile
        }
    }
}
