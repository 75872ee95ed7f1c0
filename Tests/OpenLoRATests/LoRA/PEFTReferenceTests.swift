import Foundation
import ModelFiles
import Testing
@testable import OpenLoRA

/// Logits against Hugging Face transformers + PEFT themselves (torch, float64), on the tiny
/// model: without an adapter, and with two PEFT adapters (r=4 on all linear projections,
/// plain and rank-stabilised) as PEFT saved them. Made by
/// Tests/LoRATrainingTests/Fixtures/make_peft_reference.py.
@Suite("OpenLoRA against transformers + PEFT")
struct PEFTReferenceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("LoRATrainingTests/Fixtures").path + "/"
    static let tokens = [1, 17, 200, 3, 99, 45, 250, 7, 128, 64, 33, 2, 180, 90, 11, 5]
    /// Float32 against float64: the largest |ours − reference| over the largest |reference| per row.
    static let tolerance: Float = 1e-4

    static func reference(_ name: String) throws -> [Float] {
        let file = try SafetensorsFile(contentsOfFile: folder + name + "-logits.safetensors")
        return try #require(try file.tensor(named: "logits")).dequantize()
    }

    @Test("logits match, with and without the adapters, from the Hugging Face folder and the GGUF file",
          arguments: [("base", nil), ("peft-r4-all", "peft-r4-all"), ("peft-r4-all-rslora", "peft-r4-all-rslora")]
              as [(String, String?)])
    func logits(reference name: String, adapter adapterName: String?) throws {
        let expected = try Self.reference(name)
        let models = [try LlamaModel(huggingFaceDirectory: OpenLoRAFixtures.path("base-hf"), backend: OpenLoRAFixtures.backend),
                      try LlamaModel(ggufFile: OpenLoRAFixtures.path("base-f32.gguf"), backend: OpenLoRAFixtures.backend)]
        for model in models {
            let adapter = try adapterName.map { try LoRAAdapter(directory: Self.folder + $0, base: model.configuration) }
            let logits = try model.forward(Self.tokens, state: model.makeState(), adapter: adapter, logits: .all)
            let vocabulary = model.configuration.vocabularySize
            #expect(expected.count == Self.tokens.count * vocabulary)
            for row in 0..<Self.tokens.count {
                let range = (row * vocabulary)..<((row + 1) * vocabulary)
                let error = OpenLoRAFixtures.relativeError(Array(logits.scalars[range]), expected[range])
                #expect(error <= Self.tolerance, "\(name), row \(row), \(model.configuration.ropeLayout): \(error)")
            }
        }
    }
}
