import Foundation
import ModelFiles
import OpenLoRA
import Tensor

/// The committed LoRA fixtures (Fixtures/lora, made by make_lora_fixtures.py: PEFT-layout
/// adapters and the logits of a numpy transcription of LlamaForCausalLM with PEFT's
/// lora.Linear applied) and helpers shared by the LoRA tests.
enum LoRAFixtures {
    static let folder = OpenLoRAFixtures.path("lora/")

    static func adapterFolder(_ name: String) -> String { folder + name }

    /// One reference case: an adapter on one base model's weights.
    struct Case: Decodable {
        let adapter: String
        let model: String
        let base: String
        let scale: Double
        let targets: [String]
        let tokens: [Int]
        let logits: [Float]
    }

    /// expected.json, decoded with Foundation (independent of ModelFiles' JSON parser).
    static let expected: [String: Case] = {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "expected.json"))
            return try JSONDecoder().decode([String: Case].self, from: data)
        } catch {
            preconditionFailure("cannot read lora/expected.json: \(error)")  // a broken fixture is a test bug
        }
    }()

    /// A base model file with an adapter case whose reference logits it must give.
    struct Pairing: Sendable, CustomStringConvertible {
        let modelFile: String
        let caseName: String
        var description: String { "\(caseName) on \(modelFile)" }
    }

    /// Every case on the Hugging Face folder and on a GGUF file holding the same weights
    /// (llama.cpp's permuted Q/K rows), and the quantized case on its GGUF.
    static let pairings: [Pairing] = [
        Pairing(modelFile: "base-hf", caseName: "base-r4-qv"),
        Pairing(modelFile: "base-f32.gguf", caseName: "base-r4-qv"),
        Pairing(modelFile: "base-hf", caseName: "base-r8-all"),
        Pairing(modelFile: "base-f32.gguf", caseName: "base-r8-all"),
        Pairing(modelFile: "base-hf", caseName: "base-r4-regex"),
        Pairing(modelFile: "base-f32.gguf", caseName: "base-r4-regex"),
        Pairing(modelFile: "base-hf", caseName: "base-r8-rslora"),
        Pairing(modelFile: "base-f32.gguf", caseName: "base-r8-rslora"),
        Pairing(modelFile: "llama3-hf", caseName: "llama3-r4-all"),
        Pairing(modelFile: "llama3-f16.gguf", caseName: "llama3-r4-all"),
        Pairing(modelFile: "base-q8_0.gguf", caseName: "base-q8_0-r8-all"),
    ]

    /// Models are immutable and loading maps files, so each test loads what it needs.
    static func model(_ file: String) throws -> LlamaModel {
        if file.hasSuffix(".gguf") {
            return try LlamaModel(ggufFile: OpenLoRAFixtures.path(file), backend: OpenLoRAFixtures.backend)
        }
        return try LlamaModel(huggingFaceDirectory: OpenLoRAFixtures.path(file), backend: OpenLoRAFixtures.backend)
    }

    /// The adapter folder `name` loaded for `model`.
    static func adapter(_ name: String, for model: LlamaModel) throws -> LoRAAdapter {
        try LoRAAdapter(directory: adapterFolder(name), base: model.configuration)
    }

    /// The bytes of a fixture file.
    static func bytes(_ adapter: String, _ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: adapterFolder(adapter) + "/" + file)))
    }

    /// A fresh empty folder under the system's temporary directory.
    static func temporaryFolder(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "oln-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
