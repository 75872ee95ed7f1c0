import Foundation
import Sodium
import Tokenizers
@testable import ModelFactory

/// Fixtures for the data tests: a byte-level BPE tokenizer with no merges (ids 0–255 are the
/// bytes, in GPT-2's byte-to-character alphabet) plus `<|im_start|>` (256) and `<|im_end|>`
/// (257, the EOS), with a ChatML template; documents named by their SHA-256.
enum TestData {
    static let tokenizer: Tokenizer = {
        var vocabulary: [String] = []
        for byte in 0..<256 { vocabulary.append(String(Character(Unicode.Scalar(byteCharacter(byte))!))) }
        let vocabularyJSON = vocabulary.enumerated().map { "\(quoted($0.element)): \($0.offset)" }.joined(separator: ", ")
        let document = """
        {"version": "1.0", "added_tokens": [{"id": 256, "content": "<|im_start|>", "special": true},
         {"id": 257, "content": "<|im_end|>", "special": true}], "normalizer": null,
         "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true}, "post_processor": null,
         "decoder": {"type": "ByteLevel"}, "model": {"type": "BPE", "vocab": {\(vocabularyJSON)}, "merges": []}}
        """
        let configuration = #"{"eos_token": "<|im_end|>", "chat_template": "{% for m in messages %}<|im_start|>{{ m.role }}\n{% endfor %}"}"#
        do {
            return try Tokenizer(tokenizerJSON: Array(document.utf8), configurationJSON: Array(configuration.utf8))
        } catch {
            preconditionFailure("the test tokenizer does not load: \(error)")  // a fixture bug
        }
    }()

    /// GPT-2's bytes_to_unicode: printable Latin-1 bytes map to themselves, the rest to 256+.
    static func byteCharacter(_ byte: Int) -> UInt32 {
        let printable = Array(33...126) + Array(161...172) + Array(174...255)
        if printable.contains(byte) { return UInt32(byte) }
        let shifted = (0..<256).filter { !printable.contains($0) }
        return UInt32(256 + shifted.firstIndex(of: byte)!)
    }

    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    static func document(_ text: String) -> DatanetDocument {
        let bytes = Array(text.utf8)
        return DatanetDocument(contentHash: SHA256.hash(bytes), payload: bytes)
    }

    static func row(_ prompt: String, _ response: String) -> DatanetDocument {
        document("{\"prompt\": \(quoted(prompt)), \"response\": \(quoted(response))}")
    }

    /// `count` documents of the learnable pattern "abcd" repeated from varying offsets.
    static func patternDocuments(_ count: Int) -> [DatanetDocument] {
        (0..<count).map { index in
            let letters = Array("abcd")
            let length = 10 + index
            return document(String((0..<length).map { letters[($0 + index) % 4] }))
        }
    }
}
