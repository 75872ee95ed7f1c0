import Testing
import OpenLoRA
import Tensor

/// The forward pass against the reference logits, on every fixture model file. Tolerance:
/// max |ours − reference| ≤ tolerance · max(1, max |reference|) per position: the reference
/// of a quantized file ran on gguf-py's dequantization of the stored blocks, so the
/// comparison measures the runtime, not the weights' quantization. Prompts: 1e-5; one-token
/// steps: `OpenLoRAFixtures.decodingTolerance(forFile:)`, 1e-5 for float files, allowing for
/// the 8-bit inputs of Q8_0, Q4_0 and Q4_1 products.
@Suite struct LlamaModelTests {
    @Test(arguments: OpenLoRAFixtures.modelFiles)
    func prefillMatchesReferenceAtEveryPosition(_ file: OpenLoRAFixtures.ModelFile) throws {
        let model = try file.load()
        let vocabulary = model.configuration.vocabularySize
        for sequence in try #require(OpenLoRAFixtures.expected[file.reference]).sequences {
            let logits = try model.forward(sequence.tokens, state: model.makeState(), logits: .all)
            #expect(logits.shape == [sequence.tokens.count, vocabulary])
            for position in sequence.tokens.indices {
                let reference = sequence.logits[(position * vocabulary)..<((position + 1) * vocabulary)]
                let error = OpenLoRAFixtures.relativeError(Array(logits.row(position)), reference)
                #expect(error <= OpenLoRAFixtures.floatTolerance, "\(file) position \(position): relative error \(error)")
            }
        }
    }

    @Test(arguments: OpenLoRAFixtures.modelFiles)
    func decodingOneTokenAtATimeMatchesReference(_ file: OpenLoRAFixtures.ModelFile) throws {
        let model = try file.load()
        let vocabulary = model.configuration.vocabularySize
        let sequence = try #require(OpenLoRAFixtures.expected[file.reference]).sequences[0]
        let state = model.makeState()
        for (position, token) in sequence.tokens.enumerated() {
            let logits = try model.forward([token], state: state)
            let reference = sequence.logits[(position * vocabulary)..<((position + 1) * vocabulary)]
            let error = OpenLoRAFixtures.relativeError(logits.scalars, reference)
            let tolerance = OpenLoRAFixtures.decodingTolerance(forFile: file.file)
            #expect(error <= tolerance, "\(file) step \(position): relative error \(error)")
        }
        #expect(state.position == sequence.tokens.count)
    }
}

/// Chunking, a negative control for the RoPE layout, and input refusals.
@Suite struct LlamaModelBehaviourTests {
    /// Chunks of 5 leave a last chunk of one token, which runs as a decoding step (8-bit
    /// inputs on this Q4_1 file), hence the decoding tolerance rather than 1e-6.
    @Test func chunkedPrefillEqualsOneChunk() throws {
        let model = try LlamaModel(ggufFile: OpenLoRAFixtures.path("base-q4_1.gguf"), backend: OpenLoRAFixtures.backend)
        let tokens = try #require(OpenLoRAFixtures.expected["base"]).sequences[1].tokens
        let whole = try model.forward(tokens, state: model.makeState(batchCapacity: 32), logits: .all)
        let chunked = try model.forward(tokens, state: model.makeState(batchCapacity: 5), logits: .all)
        let tolerance = OpenLoRAFixtures.decodingTolerance(forFile: "base-q4_1.gguf")
        #expect(OpenLoRAFixtures.relativeError(chunked.scalars, whole.scalars[...]) <= tolerance)
        let last = try model.forward(tokens, state: model.makeState(batchCapacity: 5))
        #expect(Array(last.row(0)) == Array(chunked.row(tokens.count - 1)))
    }

    /// The same GGUF weights with the wrong rotation layout must miss the reference: the
    /// comparison can tell the layouts apart.
    @Test func theOtherRopeLayoutMissesTheReference() throws {
        let model = try LlamaModel(ggufFile: OpenLoRAFixtures.path("base-f32.gguf"), backend: OpenLoRAFixtures.backend)
        var configuration = model.configuration
        configuration.ropeLayout = .halves
        let wrong = try LlamaModel(configuration: configuration, weights: model.weights, backend: model.backend)
        let sequence = try #require(OpenLoRAFixtures.expected["base"]).sequences[0]
        let logits = try wrong.forward(sequence.tokens, state: wrong.makeState(), logits: .all)
        let vocabulary = configuration.vocabularySize
        let lastRow = (sequence.tokens.count - 1) * vocabulary
        #expect(OpenLoRAFixtures.relativeError(Array(logits.row(0)), sequence.logits[0..<vocabulary]) <= 1e-5)
        #expect(OpenLoRAFixtures.relativeError(Array(logits.row(sequence.tokens.count - 1)),
                                               sequence.logits[lastRow..<(lastRow + vocabulary)]) > 1e-2)
    }

    @Test func refusesBadInputWithoutChangingTheState() throws {
        let model = try LlamaModel(ggufFile: OpenLoRAFixtures.path("base-q8_0.gguf"), backend: OpenLoRAFixtures.backend)
        let state = model.makeState(contextCapacity: 8)
        #expect { try model.forward([], state: state) } throws: { ($0 as? OpenLoRAError)?.kind == .invalidOptions }
        #expect { try model.forward([1, 256], state: state) } throws: {
            ($0 as? OpenLoRAError)?.kind == .tokenOutOfRange
        }
        #expect { try model.forward([-1], state: state) } throws: { ($0 as? OpenLoRAError)?.kind == .tokenOutOfRange }
        #expect { try model.forward(Array(repeating: 1, count: 9), state: state) } throws: {
            ($0 as? OpenLoRAError)?.kind == .contextOverflow
        }
        #expect(state.position == 0)
        _ = try model.forward(Array(repeating: 1, count: 8), state: state)
        #expect { try model.forward([1], state: state) } throws: { ($0 as? OpenLoRAError)?.kind == .contextOverflow }
    }

    @Test func refusesMissingAndCorruptFiles() {
        #expect { try LlamaModel(ggufFile: "/nonexistent.gguf", backend: OpenLoRAFixtures.backend) } throws: {
            ($0 as? OpenLoRAError)?.kind == .modelFile
        }
        let folder = OpenLoRAFixtures.folder  // holds no config.json
        #expect { try LlamaModel(huggingFaceDirectory: folder, backend: OpenLoRAFixtures.backend) } throws: {
            ($0 as? OpenLoRAError)?.kind == .modelFile
        }
    }
}
