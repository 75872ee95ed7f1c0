import Foundation
import ModelFiles
import TestSupport
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    private func parse(_ text: String) throws(ModelFileError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -0, 2.5e3, -1E-2, 9223372036854775807, 9223372036854775808], "#
                              + #""b": {"c": null, "d": true, "e": false}, "#
                              + #""s": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} "#)
        let object = try #require(value.object)
        #expect(object.keys == ["a", "b", "s"])
        #expect(object["a"] == .array([.integer(1), .integer(0), .number(2500), .number(-0.01),
                                       .integer(.max), .number(9_223_372_036_854_775_808)]))
        #expect(object["b"]?.object?["c"] == .null)
        #expect(object["b"]?.object?["d"]?.bool == true)
        #expect(object["s"]?.string == "x\"\\/\u{08}\u{0C}\n\r\té😀")
        #expect(object.keyOffsets["b"] != nil)
        #expect(try parse("\"ünï\"").string == "ünï")
        #expect(try parse("0").integer == 0)
        #expect(try parse("[]").array == [])
        #expect(try parse("{}").object?.count == 0)
    }

    @Test("keys that Swift strings would call equal stay distinct: they differ in bytes")
    func keysCompareAsBytes() throws {
        let object = try #require(try parse(#"{"\u00e9": 1, "e\u0301": 2}"#).object)
        #expect(object.count == 2)
        #expect(object["\u{e9}"] == .integer(1))
        #expect(object["e\u{301}"] == .integer(2))
    }

    @Test("refuses malformed JSON", arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "+1", "1e", "1e+",
        "NaN", "Infinity", "'a'", "\"a", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
        "\"tab\there\"", "[1] [2]", "nul", "tru", "// c\n1", "1e999", "{\"a\":1,\"a\":2}",
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
    ])
    func refuses(text: String) {
        #expect(throws: ModelFileError.self) { try parse(text) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: ModelFileError.self) { try JSONParser.parse([0x22, 0xff, 0x22]) }
    }

    @Test func errorsNameTheOffset() {
        do {
            _ = try JSONParser.parse(Array("[1, 2,, 3]".utf8))
            Issue.record("accepted a double comma")
        } catch {
            #expect(error.kind == .invalidJSON)
            #expect(error.offset == 6)
        }
    }

    @Test func whatItAcceptsFoundationAcceptsToo() throws {
        var generator = SeededGenerator.make(for: "JSONParser.whatItAcceptsFoundationAcceptsToo")
        let seeds = [#"{"a": [1, 2.5, "x\u00e9", true, null], "b": {"c": -3e2}}"#, #"["\ud83d\ude00", {}, []]"#]
        var accepted = 0
        for round in 0..<4000 {
            let bytes = generator.mutate(Array(seeds[round % seeds.count].utf8))
            guard let value = try? JSONParser.parse(bytes) else { continue }
            accepted += 1
            let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            #expect(foundation != nil, "Foundation refuses \(String(decoding: bytes, as: UTF8.self)) → \(value)")
        }
        #expect(accepted > 0)
    }
}
