import Testing
import ModelFiles
import OpenLoRA
import TestSupport

/// Seeded mutations of the fixture adapter files (configuration and weights) must be refused
/// with an error or load as a valid adapter: never a trap. An adapter that loads must be
/// usable (a forward pass runs).
@Suite struct LoRAAdapterRobustnessTests {
    @Test func mutatedAdapterFilesNeverTrap() throws {
        var generator = SeededGenerator.make(for: "mutatedAdapterFilesNeverTrap")
        let model = try LoRAFixtures.model("base-f32.gguf")
        let sources = ["base-r4-qv", "base-r4-regex", "base-r8-rslora"]
        var loadedCount = 0
        for round in 0..<600 {
            let source = sources[round % sources.count]
            var configuration = try LoRAFixtures.bytes(source, "adapter_config.json")
            var weights = try LoRAFixtures.bytes(source, "adapter_model.safetensors")
            switch round % 3 {
            case 0: configuration = generator.mutate(configuration)
            case 1: weights = generator.mutate(Array(weights.prefix(512))) + weights.dropFirst(512)
            default:
                configuration = generator.mutate(configuration)
                weights = generator.mutate(weights)
            }
            guard let file = try? SafetensorsFile(bytes: weights),
                  let adapter = try? LoRAAdapter(configurationJSON: configuration, safetensors: file,
                                                 base: model.configuration) else { continue }
            loadedCount += 1
            #expect(adapter.isCompatible(with: model.configuration))
            _ = try model.forward([1, 2], state: model.makeState(contextCapacity: 2), adapter: adapter)
        }
        #expect(loadedCount > 0)  // some mutations (whitespace, values) still load
    }

    @Test func randomConfigurationBytesNeverTrap() {
        var generator = SeededGenerator.make(for: "randomConfigurationBytesNeverTrap")
        let alphabet = #"{}[]":,0123456789.-eE truefalsnul"r_alphtgmodsqkvpj\"#
        for _ in 0..<2000 {
            let text = generator.text(from: alphabet, maximumCount: 80)
            if let configuration = try? LoRAAdapterConfiguration(parsing: Array(text.utf8)) {
                _ = try? configuration.targetedModules(blockCount: 2)
            }
        }
    }
}
