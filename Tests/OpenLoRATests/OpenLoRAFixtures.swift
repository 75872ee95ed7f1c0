import Foundation
import OpenLoRA
import Tensor

/// The committed fixtures (Tests/OpenLoRATests/Fixtures, made by make_fixtures.py with a
/// numpy transcription of Hugging Face's LlamaForCausalLM) and the expected values.
enum OpenLoRAFixtures {
    /// The fixtures folder, found from this file's path (it is not a target resource).
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Fixtures").path + "/"
    }()

    static func path(_ name: String) -> String { folder + name }

    /// A reference sequence: its tokens and the logits of every position, [tokens, vocabulary].
    struct Sequence: Decodable {
        let tokens: [Int]
        let logits: [Float]
    }

    /// A greedy continuation the reference chose.
    struct Greedy: Decodable {
        let prompt: [Int]
        let tokens: [Int]
    }

    /// The reference results for one set of weights.
    struct Case: Decodable {
        let sequences: [Sequence]
        let greedy: Greedy
    }

    /// expected.json, decoded with Foundation (independent of ModelFiles' JSON parser).
    static let expected: [String: Case] = decode([String: Case].self, dropping: "inverseFrequencies")

    /// The reference (HF float32) RoPE inverse frequencies per model.
    static let inverseFrequencies: [String: [Float]] = {
        struct Frequencies: Decodable { let inverseFrequencies: [String: [Float]] }
        return decode(Frequencies.self, dropping: nil).inverseFrequencies
    }()

    private static func decode<Value: Decodable>(_ type: Value.Type, dropping key: String?) -> Value {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path("expected.json")))
            var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            if let key { object.removeValue(forKey: key) }
            return try JSONDecoder().decode(type, from: JSONSerialization.data(withJSONObject: object))
        } catch {
            preconditionFailure("cannot read expected.json: \(error)")  // a broken fixture is a test bug
        }
    }

    /// One backend for every test: OpenBLAS's thread count is process-wide.
    static let backend = CPUBackend(threadCount: 2)

    /// A model file and the reference case its logits must match.
    struct ModelFile: Sendable, CustomStringConvertible {
        let file: String
        let reference: String
        var description: String { file }

        func load() throws -> LlamaModel {
            if file.hasSuffix(".gguf") { return try LlamaModel(ggufFile: path(file), backend: backend) }
            return try LlamaModel(huggingFaceDirectory: path(file), backend: backend)
        }
    }

    /// Every model file with its reference.
    static let modelFiles: [ModelFile] = [
        ModelFile(file: "base-hf", reference: "base"), ModelFile(file: "base-f32.gguf", reference: "base"),
        ModelFile(file: "base-q8_0.gguf", reference: "base-q8_0"),
        ModelFile(file: "base-q4_0.gguf", reference: "base-q4_0"),
        ModelFile(file: "base-q4_1.gguf", reference: "base-q4_1"), ModelFile(file: "llama3-hf", reference: "llama3"),
        ModelFile(file: "llama3-f16.gguf", reference: "llama3"), ModelFile(file: "linear-hf", reference: "linear"),
        ModelFile(file: "linear-f32.gguf", reference: "linear"),
    ]

    /// The relative error allowed against a float reference for one-token steps of a model
    /// file (prompts keep `floatTolerance`). Files whose matrices are Q8_0, Q4_0 or Q4_1
    /// (base-q*) decode with inputs quantized to 8 bits per 32-element block, as llama.cpp's
    /// CPU kernels do: each
    /// input element moves by up to max|block| / 254, and on these small random models the
    /// logits move by up to 1.8% of their largest magnitude (measured over every fixture
    /// position). The kernels themselves are held to 1e-5 against an independent integer
    /// reference in TensorTests (BlockDotTests), so this tolerance covers only the input
    /// quantization; llama.cpp's own test-quantize-fns allows a row dot product with Q8
    /// inputs an error of 0.02. Float files keep 1e-5.
    static func decodingTolerance(forFile file: String) -> Float {
        file.hasPrefix("base-q") ? quantizedInputTolerance : floatTolerance
    }

    /// The tolerance of float files: rounding only.
    static let floatTolerance: Float = 1e-5
    /// The tolerance of steps whose products quantize their inputs (`decodingTolerance`).
    static let quantizedInputTolerance: Float = 3e-2

    /// The largest |ours − reference| over the largest |reference|, per row of `vocabulary`.
    static func relativeError(_ ours: [Float], _ reference: ArraySlice<Float>) -> Float {
        precondition(ours.count == reference.count, "lengths differ")
        var largestError: Float = 0, largestValue: Float = 0
        for (mine, theirs) in zip(ours, reference) {
            largestError = max(largestError, abs(mine - theirs))
            largestValue = max(largestValue, abs(theirs))
        }
        return largestError / max(largestValue, 1)
    }
}
