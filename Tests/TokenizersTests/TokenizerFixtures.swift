import Foundation
import ModelFiles
import Tokenizers

/// The committed fixtures (Tests/TokenizersTests/Fixtures, made by make_fixtures.py with Hugging
/// Face `tokenizers`, `gguf` and jinja2) and the expected values the generator computed.
enum TokenizerFixtures {
    /// The four families, each saved as tokenizer.json (+ tokenizer_config.json) and as GGUF.
    static let families = ["gpt2", "llama3", "smollm2", "llama2"]

    /// The fixtures folder, found from this file's path (it is not a target resource).
    static let folder: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path + "/"
    }()

    static func path(_ name: String) -> String { folder + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// expected.json, decoded with Foundation (independent of ModelFiles' JSON parser).
    static let expected: ExpectedTokenizerValues = {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path("expected.json")))
            return try JSONDecoder().decode(ExpectedTokenizerValues.self, from: data)
        } catch {
            preconditionFailure("cannot read expected.json: \(error)")  // a broken fixture is a test bug
        }
    }()

    /// The family's tokenizer.json with its tokenizer_config.json.
    static func jsonTokenizer(_ family: String) throws -> Tokenizer {
        try Tokenizer(tokenizerJSON: bytes("\(family).tokenizer.json"),
                      configurationJSON: bytes("\(family).tokenizer_config.json"))
    }

    /// The family's GGUF file.
    static func ggufTokenizer(_ family: String) throws -> Tokenizer {
        try Tokenizer(gguf: GGUFFile(contentsOfFile: path("\(family).gguf")).header)
    }
}

/// The shape of expected.json.
struct ExpectedTokenizerValues: Decodable {
    struct Family: Decodable {
        let vocabulary_count: Int
        let bos: Int
        let eos: Int
        let adds_bos: Bool
        let cases: [Case]
    }

    /// One corpus string and what `tokenizers` made of it.
    struct Case: Decodable {
        let text: String
        let ids: [Int]
        let ids_without_special: [Int]
        let ids_plain: [Int]
        let decoded: String
        let decoded_skipping_special: String
        let round_trips: Bool
        let stream_decoded: String
        let gguf: Bool
        /// The pre-tokenizer's pieces of the whole text (byte-level families only).
        let pieces: [String]?
    }

    /// One conversation rendered by the family's Jinja template, and its ids.
    struct Chat: Decodable {
        let family: String
        let style: String
        let system: String?
        let messages: [[String]]
        let add_generation_prompt: Bool
        let text: String
        let ids: [Int]
    }

    let families: [String: Family]
    let chat: [Chat]
}
