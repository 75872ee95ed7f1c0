@testable import InferenceAPI
import Testing

@Suite struct CompletionParametersTests {
    static func parse(_ text: String, kind: CompletionParameters.Kind = .text) throws(APIError) -> CompletionParameters {
        try CompletionParameters(body: Array(text.utf8), kind: kind, maximumTokenCountMax: 100)
    }

    @Test func promptsInEveryAcceptedForm() throws {
        for text in ["\"hi\"", "[\"hi\"]"] {
            guard case .text("hi") = try Self.parse("{\"model\":\"m\",\"prompt\":\(text)}").prompt else {
                Issue.record("prompt \(text)")
                continue
            }
        }
        for text in ["[1,2]", "[[1,2]]"] {
            guard case .tokens([1, 2]) = try Self.parse("{\"model\":\"m\",\"prompt\":\(text)}").prompt else {
                Issue.record("prompt \(text)")
                continue
            }
        }
    }

    @Test func samplingFieldsAreRead() throws {
        let parameters = try Self.parse("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":7,\"temperature\":0.5,"
                                        + "\"top_p\":0.25,\"stop\":\"\\n\",\"seed\":-1,\"stream\":true,\"user\":\"u\"}")
        #expect(parameters.maximumTokenCount == 7)
        #expect(parameters.temperature == 0.5 && parameters.topP == 0.25)
        #expect(parameters.stopStrings == ["\n"])
        #expect(parameters.seed == UInt64.max)
        #expect(parameters.isStreaming)
    }

    @Test func chatContentPartsAreJoined() throws {
        let text = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}]}"
        guard case .chat(let messages) = try Self.parse(text, kind: .chat).prompt else {
            Issue.record("no chat")
            return
        }
        #expect(messages.map(\.content) == ["s", "ab"])
    }

    @Test(arguments: [
        ("{\"prompt\":\"x\"}", "model"),
        ("{\"model\":\"m\"}", "prompt"),
        ("{\"model\":\"m\",\"prompt\":[[1],[2]]}", "prompt"),
        ("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":0}", "max_tokens"),
        ("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":101}", "max_tokens"),
        ("{\"model\":\"m\",\"prompt\":\"x\",\"top_p\":1.5}", "top_p"),
        ("{\"model\":\"m\",\"prompt\":\"x\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", "stop"),
        ("{\"model\":\"m\",\"prompt\":\"x\",\"stop\":[\"\"]}", "stop"),
        ("{\"model\":\"m\",\"prompt\":\"x\",\"echo\":true}", "echo"),
        ("{\"model\":\"m\",\"prompt\":\"x\",\"stream\":\"yes\"}", "stream"),
    ])
    func invalidFieldsAreNamed(text: String, parameter: String) {
        #expect(throws: APIError.self) { try Self.parse(text) }
        do {
            _ = try Self.parse(text)
        } catch {
            #expect(error.parameter == parameter)
            #expect(error.status.code == 400)
        }
    }
}
