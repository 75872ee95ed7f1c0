import Testing
import ModelFiles
import OpenLoRA

/// Inverse frequencies against the reference's (Hugging Face's rope initialisers in float32),
/// within 1e-6 relative, and llama.cpp's rope_freqs factors against Hugging Face's llama3.
@Suite struct RopeScalingTests {
    @Test(arguments: [("base", "base-hf"), ("llama3", "llama3-hf"), ("linear", "linear-hf"),
                      ("llama3", "llama3-f16.gguf"), ("linear", "linear-f32.gguf")])
    func matchesTheReference(_ name: String, _ file: String) throws {
        let configuration = file.hasSuffix(".gguf")
            ? try LlamaConfiguration(gguf: GGUFFile(contentsOfFile: OpenLoRAFixtures.path(file)))
            : try LlamaConfiguration(huggingFaceConfigurationFile: OpenLoRAFixtures.path(file + "/config.json"))
        let expected = try #require(OpenLoRAFixtures.inverseFrequencies[name])
        let actual = configuration.inverseFrequencies()
        #expect(actual.count == expected.count)
        for (mine, theirs) in zip(actual, expected) {
            #expect(abs(mine - theirs) <= 1e-6 * theirs, "\(file): \(mine) vs \(theirs)")
        }
    }

    @Test func linearDividesEveryFrequency() {
        let plain = RopeScaling.none.inverseFrequencies(base: 10_000, headDimension: 8)
        let linear = RopeScaling.linear(factor: 4).inverseFrequencies(base: 10_000, headDimension: 8)
        #expect(zip(plain, linear).allSatisfy { $0 / 4 == $1 })
        #expect(plain[0] == 1 && plain.count == 4)
    }
}
