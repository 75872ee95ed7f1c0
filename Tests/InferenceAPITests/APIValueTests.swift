import Foundation
import InferenceAPI
import Testing

@Suite struct APIValueTests {
    @Test func jsonTextIsCompactOrderedAndEscaped() {
        let value: APIValue = ["b": 1, "a": [true, nil, 2.5, "q\"\\\n\u{01}é"], "c": .number(.infinity)]
        #expect(value.jsonText == "{\"b\":1,\"a\":[true,null,2.5,\"q\\\"\\\\\\n\\u0001é\"],\"c\":null}")
    }

    /// Foundation's JSON parser (independent of ours) reads what we write.
    @Test func foundationReadsWhatIsWritten() throws {
        let value: APIValue = ["text": "line\nbreak \u{7f} \u{1F600}", "n": -3, "x": 0.125]
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.jsonBytes)) as? [String: Any])
        #expect(parsed["text"] as? String == "line\nbreak \u{7f} \u{1F600}")
        #expect(parsed["n"] as? Int == -3)
        #expect(parsed["x"] as? Double == 0.125)
    }

    @Test func errorsHaveOpenAIsShape() {
        let error = APIError.modelNotFound("m")
        #expect(error.status.code == 404)
        #expect(error.body["error"]?["code"] == "model_not_found")
        #expect(error.body["error"]?["param"] == "model")
    }
}
