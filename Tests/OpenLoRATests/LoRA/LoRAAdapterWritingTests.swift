import Foundation
import Testing
import OpenLoRA
import Tensor

/// Writing adapters in PEFT's layout: the weights file is byte for byte what PyPI
/// `safetensors` wrote for the fixtures (whatever base layout the adapter was loaded for),
/// and a written folder loads back to the same adapter. make_lora_fixtures.py --check runs
/// the PEFT layout check on a written folder (set OLN_LORA_WRITER_DIRECTORY to keep one).
@Suite struct LoRAAdapterWritingTests {
    @Test(arguments: [("base-r4-qv", "base-hf"), ("base-r4-qv", "base-f32.gguf"), ("base-r8-all", "base-q4_1.gguf"),
                      ("base-r4-regex", "base-hf"), ("llama3-r4-all", "llama3-f16.gguf")])
    func weightsAreByteIdenticalToTheReferenceWriter(_ adapterName: String, _ file: String) throws {
        let adapter = try LoRAFixtures.adapter(adapterName, for: try LoRAFixtures.model(file))
        #expect(adapter.serializedWeights() == (try LoRAFixtures.bytes(adapterName, "adapter_model.safetensors")))
    }

    @Test(arguments: ["base-f32.gguf", "base-hf"])
    func aWrittenFolderLoadsBackUnchanged(_ file: String) throws {
        let model = try LoRAFixtures.model(file)
        let keep = ProcessInfo.processInfo.environment["OLN_LORA_WRITER_DIRECTORY"]
        let folder = keep ?? LoRAFixtures.temporaryFolder("lora-writer")
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let original = try LoRAFixtures.adapter("base-r8-rslora", for: model)
        try original.write(toDirectory: folder)
        let reloaded = try LoRAAdapter(directory: folder, base: model.configuration)
        #expect(reloaded.configuration == original.configuration && reloaded.modules == original.modules)
        #expect(reloaded.scale == original.scale && reloaded.byteCount == original.byteCount)
        for module in original.modules {
            let before = try #require(original.factorValues(module))
            let after = try #require(reloaded.factorValues(module))
            #expect(before.a == after.a && before.b == after.b)
            #expect(try #require(original.projection(module)).b.dequantized()
                    == (try #require(reloaded.projection(module))).b.dequantized())
        }
    }

    @Test func anAdapterBuiltInMemoryIsWrittenInPEFTLayout() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let configuration = LoRAAdapterConfiguration(rank: 2, alpha: 4, targetModules: .names(["k_proj"]))
        var factors: [LoRAModule: (a: [Float], b: [Float])] = [:]
        let (width, keyValueWidth) = (model.configuration.embeddingLength, model.configuration.keyValueWidth)
        for layer in 0..<2 {
            factors[LoRAModule(layer: layer, role: .key)] = ((0..<(2 * width)).map { Float($0) / 100 },
                                                            (0..<(keyValueWidth * 2)).map { Float($0 + layer) })
        }
        let adapter = try LoRAAdapter(configuration: configuration, factors: factors, base: model.configuration)
        let folder = LoRAFixtures.temporaryFolder("lora-memory")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try adapter.write(toDirectory: folder)
        let reloaded = try LoRAAdapter(directory: folder, base: model.configuration)
        for (module, values) in factors {
            let written = try #require(reloaded.factorValues(module))
            #expect(written.a == values.a && written.b == values.b)
        }
        let names = try String(contentsOfFile: folder + "/adapter_config.json", encoding: .utf8)
        #expect(names.contains("\"target_modules\": [\n    \"k_proj\"\n  ]"))
    }
}
