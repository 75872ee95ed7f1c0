import Testing
import OpenLoRA

/// `generate`: greedy output equals the reference's greedy choices; stop tokens, stop
/// sequences, limits, streaming and cancellation.
@Suite struct LlamaModelGenerationTests {
    @Test(arguments: OpenLoRAFixtures.modelFiles)
    func greedyGenerationMatchesReference(_ file: OpenLoRAFixtures.ModelFile) throws {
        let model = try file.load()
        let greedy = try #require(OpenLoRAFixtures.expected[file.reference]).greedy
        var streamed: [Int] = []
        let options = GenerationOptions(maximumTokenCount: greedy.tokens.count)
        let result = try model.generate(prompt: greedy.prompt, options: options) {
            streamed.append($0)
            return true
        }
        #expect(result == GenerationResult(tokens: greedy.tokens, stopReason: .maximumTokens))
        #expect(streamed == greedy.tokens)
    }

    static let model = { () -> LlamaModel in
        do {
            return try LlamaModel(ggufFile: OpenLoRAFixtures.path("base-f32.gguf"), backend: OpenLoRAFixtures.backend)
        } catch {
            preconditionFailure("fixture: \(error)")
        }
    }()

    /// The reference's greedy continuation of the base prompt: 29 157 142 195 245 215 215 214.
    static let greedy = OpenLoRAFixtures.expected["base"]!.greedy

    @Test func stopsOnAStopTokenWithoutEmittingIt() throws {
        let options = GenerationOptions(maximumTokenCount: 8, stopTokenIDs: [Self.greedy.tokens[3]])
        let result = try Self.model.generate(prompt: Self.greedy.prompt, options: options)
        #expect(result == GenerationResult(tokens: Array(Self.greedy.tokens[0..<3]),
                                           stopReason: .stopToken(Self.greedy.tokens[3])))
    }

    @Test func stopsOnAStopSequenceWithoutStreamingAnyOfIt() throws {
        let stop = Array(Self.greedy.tokens[2...3])
        var streamed: [Int] = []
        let options = GenerationOptions(maximumTokenCount: 8, stopSequences: [[9, 9, 9], stop])
        let result = try Self.model.generate(prompt: Self.greedy.prompt, options: options) {
            streamed.append($0)
            return true
        }
        #expect(result == GenerationResult(tokens: Array(Self.greedy.tokens[0..<2]), stopReason: .stopSequence(stop)))
        #expect(streamed == result.tokens)
    }

    @Test func stopsWhenTheContextIsFull() throws {
        let state = Self.model.makeState(contextCapacity: Self.greedy.prompt.count + 3)
        let result = try Self.model.generate(prompt: Self.greedy.prompt,
                                             options: GenerationOptions(maximumTokenCount: 8), state: state)
        #expect(result == GenerationResult(tokens: Array(Self.greedy.tokens[0..<4]), stopReason: .contextFull))
    }

    @Test func theCallbackCanCancel() throws {
        var count = 0
        let result = try Self.model.generate(prompt: Self.greedy.prompt) { _ in
            count += 1
            return count < 2
        }
        #expect(result == GenerationResult(tokens: Array(Self.greedy.tokens[0..<2]), stopReason: .cancelled))
    }

    @Test func aStateCarriesTheSequenceAcrossCalls() throws {
        let state = Self.model.makeState()
        let first = try Self.model.generate(prompt: Self.greedy.prompt,
                                            options: GenerationOptions(maximumTokenCount: 2), state: state)
        #expect(first.tokens == Array(Self.greedy.tokens[0..<2]))
        #expect(state.position == Self.greedy.prompt.count + 1)
        // The last generated token was sampled but not run: feeding it continues the sequence.
        let second = try Self.model.generate(prompt: [first.tokens[1]],
                                             options: GenerationOptions(maximumTokenCount: 3), state: state)
        #expect(second.tokens == Array(Self.greedy.tokens[2..<5]))
    }

    @Test func seededSamplingIsReproducible() throws {
        let sampling = SamplingParameters(temperature: 0.9, topK: 40, topP: 0.9, repetitionPenalty: 1.1, seed: 2024)
        let options = GenerationOptions(maximumTokenCount: 12, sampling: sampling)
        let first = try Self.model.generate(prompt: Self.greedy.prompt, options: options)
        let second = try Self.model.generate(prompt: Self.greedy.prompt, options: options)
        #expect(first == second && first.tokens.count == 12)
    }

    @Test func refusesBadOptionsAndPrompts() {
        let bad = [GenerationOptions(maximumTokenCount: -1), GenerationOptions(stopSequences: [[]]),
                   GenerationOptions(sampling: SamplingParameters(topP: 2))]
        for options in bad {
            #expect { try Self.model.generate(prompt: [1], options: options) } throws: {
                ($0 as? OpenLoRAError)?.kind == .invalidOptions
            }
        }
        #expect { try Self.model.generate(prompt: Array(repeating: 1, count: 65)) } throws: {
            ($0 as? OpenLoRAError)?.kind == .contextOverflow
        }
        #expect { try Self.model.generate(prompt: []) } throws: { ($0 as? OpenLoRAError)?.kind == .invalidOptions }
    }
}
