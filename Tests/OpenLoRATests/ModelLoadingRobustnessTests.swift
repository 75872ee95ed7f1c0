import Foundation
import Testing
import ModelFiles
import OpenLoRA
import TestSupport

/// Seeded mutations of a config.json and of a small GGUF model: loading either succeeds or
/// throws an OpenLoRAError or ModelFileError, and a model that loads runs a token. Never a trap.
@Suite struct ModelLoadingRobustnessTests {
    @Test func mutatedConfigurationsNeverTrap() throws {
        var generator = SeededGenerator.make(for: "OpenLoRA.config.mutations")
        let path = OpenLoRAFixtures.path("llama3-hf/config.json")
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var accepted = 0
        for _ in 0..<500 {
            let mutated = generator.mutate(original)
            do {
                _ = try mutated.withUnsafeBytes { try LlamaConfiguration(huggingFaceConfiguration: $0) }
                accepted += 1
            } catch is OpenLoRAError {
            }
        }
        #expect(accepted < 500)
    }

    @Test func mutatedModelFilesNeverTrap() throws {
        var generator = SeededGenerator.make(for: "OpenLoRA.gguf.mutations")
        let original = GGUFBuilder.tinyLlama().bytes()
        var ran = 0
        for _ in 0..<300 {
            let mutated = generator.mutate(original)
            guard let file = try? GGUFFile(bytes: mutated) else { continue }
            // Typed throws: every failure here is an OpenLoRAError by construction.
            guard let model = try? LlamaModel(gguf: file, backend: OpenLoRAFixtures.backend) else { continue }
            let state = model.makeState(contextCapacity: min(model.configuration.contextLength, 4))
            if (try? model.forward([0], state: state)) != nil { ran += 1 }
        }
        #expect(ran > 0)
    }
}
