import InfluenceAttribution
import LoRATraining
import Testing

/// The query's sequence: prompt masked, output predicted, limits applied.
@Suite("Influence query")
struct InfluenceQueryTests {
    static let parameters = InfluenceParameters(estimator: .dataInf, dampingScale: 0.1, contributionCountMax: 16,
                                                promptTokenCountMax: 3, outputTokenCountMax: 2, weightTolerancePPM: 0)

    @Test("the output is the target, the prompt is masked")
    func mask() throws {
        let sequence = try InfluenceQuery(promptTokens: [5, 6], outputTokens: [7, 8]).sequence(parameters: .version1)
        #expect(sequence == TrainingSequence(tokens: [5, 6, 7, 8], targetMask: [false, false, true, true]))
    }

    @Test("the last prompt tokens and the first output tokens are kept")
    func limits() throws {
        let sequence = try InfluenceQuery(promptTokens: [1, 2, 3, 4, 5], outputTokens: [6, 7, 8])
            .sequence(parameters: Self.parameters)
        #expect(sequence.tokens == [3, 4, 5, 6, 7])
        #expect(sequence.targetCount == 2)
    }

    @Test("an output with nothing to predict it from is refused", arguments: [[Int](), [9]])
    func noTarget(output: [Int]) {
        #expect(throws: InfluenceError.self) {
            _ = try InfluenceQuery(promptTokens: [], outputTokens: output).sequence(parameters: .version1)
        }
    }

    @Test("without a prompt, the output's first token is context")
    func noPrompt() throws {
        let sequence = try InfluenceQuery(promptTokens: [], outputTokens: [4, 5]).sequence(parameters: .version1)
        #expect(sequence.targetMask == [false, true])
    }

    @Test("a negative token id is refused")
    func negative() {
        #expect(throws: InfluenceError.self) {
            _ = try InfluenceQuery(promptTokens: [-1], outputTokens: [4]).sequence(parameters: .version1)
        }
    }

    @Test("method names stand for their parameters")
    func methods() {
        #expect(InfluenceParameters(method: "influence/1") == .version1)
        #expect(InfluenceParameters(method: "influence-tracin/1") == .tracInVersion1)
        #expect(InfluenceParameters(method: "span/1") == nil)
        #expect(InfluenceParameters.version1.method == "influence/1")
        #expect(Self.parameters.method == "influence-dataInf-custom")
        #expect(InfluenceParameters(method: Self.parameters.method) == nil)
    }
}
