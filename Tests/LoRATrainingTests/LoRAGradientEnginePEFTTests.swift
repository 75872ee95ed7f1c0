import Foundation
import LoRATraining
import ModelFiles
import OpenLoRA
import Tensor
import Testing

/// The engine against PyTorch + PEFT (Fixtures/make_peft_reference.py): the loss and every
/// lora_A / lora_B gradient of a masked 16-token sequence on the committed tiny Hugging Face
/// model, computed in float64 by autograd.
@Suite("LoRAGradientEngine against PyTorch + PEFT")
struct LoRAGradientEnginePEFTTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/"
    static let modelFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().path + "/OpenLoRATests/Fixtures/"

    struct Expected: Decodable {
        let tokens: [Int]
        let targetMask: [Bool]
        let losses: [String: Double]
    }

    static let expected: Expected = {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "expected.json"))
            return try JSONDecoder().decode(Expected.self, from: data)
        } catch {
            preconditionFailure("cannot read Fixtures/expected.json: \(error)")  // a broken fixture is a test bug
        }
    }()

    static let cases = ["peft-r4-all", "peft-r4-all-rslora"]

    static func loadModel(_ file: String) throws -> LlamaModel {
        let path = modelFolder + file
        if file.hasSuffix(".gguf") { return try LlamaModel(ggufFile: path, backend: TinyTrainingModel.backend) }
        return try LlamaModel(huggingFaceDirectory: path, backend: TinyTrainingModel.backend)
    }

    /// The adapter's layout on `model` and its factors as a parameter vector (Hugging Face rows).
    static func parameters(_ name: String, model: LlamaModel) throws -> (LoRAParameterLayout, [Float]) {
        let adapter = try LoRAAdapter(directory: folder + name, base: model.configuration)
        let layout = try LoRAParameterLayout(configuration: adapter.configuration, base: model.configuration)
        var values = [Float](repeating: 0, count: layout.parameterCount)
        for segment in layout.segments {
            let factors = try #require(adapter.factorValues(segment.module))
            values.replaceSubrange(segment.aOffset..<(segment.aOffset + factors.a.count), with: factors.a)
            values.replaceSubrange(segment.bOffset..<(segment.bOffset + factors.b.count), with: factors.b)
        }
        return (layout, values)
    }

    /// PyTorch's gradients in the layout's order.
    static func referenceGradient(_ name: String, layout: LoRAParameterLayout) throws -> [Float] {
        let file = try SafetensorsFile(contentsOfFile: folder + name + "-gradients.safetensors")
        var values = [Float](repeating: .nan, count: layout.parameterCount)
        for segment in layout.segments {
            for (part, offset) in [(LoRAWeightPart.a, segment.aOffset), (.b, segment.bOffset)] {
                let view = try #require(try file.tensor(named: segment.module.peftTensorName(part)))
                let tensor = try view.dequantize()
                values.replaceSubrange(offset..<(offset + tensor.count), with: tensor)
            }
        }
        return values
    }

    /// Loss within 10⁻⁶ relative; gradients within 2·10⁻⁵ of the reference in norm and
    /// 2·10⁻⁴·max|reference| per entry (Float32 against float64; observed ≈ 5·10⁻⁸, 2·10⁻⁶).
    @Test("loss and gradients match PEFT", arguments: cases, ["base-hf", "base-f32.gguf"])
    func matchesPEFT(_ name: String, _ modelFile: String) throws {
        let model = try Self.loadModel(modelFile)
        let (layout, parameters) = try Self.parameters(name, model: model)
        let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: 32)
        let sequence = TrainingSequence(tokens: Self.expected.tokens, targetMask: Self.expected.targetMask)
        var gradient = [Float](repeating: 0, count: layout.parameterCount)
        let loss = try engine.accumulateGradient(of: sequence, parameters: parameters, dropoutSeed: 0, into: &gradient)
        let reference = try #require(Self.expected.losses[name])
        #expect(loss.targetCount == 11)
        #expect(abs(loss.total - reference) <= 1e-6 * reference, "\(loss.total) vs \(reference)")
        let expectedGradient = try Self.referenceGradient(name, layout: layout)
        let largest = expectedGradient.map { abs($0) }.max() ?? 0
        var errorSquares = 0.0, referenceSquares = 0.0, worst: Float = 0
        for (ours, theirs) in zip(gradient, expectedGradient) {
            errorSquares += Double((ours - theirs) * (ours - theirs))
            referenceSquares += Double(theirs * theirs)
            worst = max(worst, abs(ours - theirs))
        }
        let relative = (errorSquares / referenceSquares).squareRoot()
        #expect(relative <= 2e-5, "relative error \(relative)")
        #expect(worst <= 2e-4 * largest, "worst entry error \(worst) of \(largest)")
    }

    @Test("a Q8_0 GGUF base's gradients match central differences")
    func quantizedFixtureMatchesFiniteDifferences() throws {
        let model = try Self.loadModel("base-q8_0.gguf")
        let (layout, _) = try Self.parameters("peft-r4-all", model: model)
        try LoRAGradientEngineTests.checkGradient(model, layout)
    }
}
