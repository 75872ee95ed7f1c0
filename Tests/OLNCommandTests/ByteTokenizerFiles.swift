import Foundation

/// A byte-level BPE tokenizer (GPT-2's byte-to-unicode alphabet, no merges) sized for the
/// 256-token fixture model: ids 0…253 are the bytes 0x00…0xFD (0xFE and 0xFF never occur in
/// UTF-8), 254 is `<|im_start|>` and 255 `<|im_end|>`, the end-of-sequence token; the chat
/// template is ChatML's.
enum ByteTokenizerFiles {
    static let imStart = 254
    static let imEnd = 255

    /// GPT-2's printable stand-in for each byte (`bytes_to_unicode`).
    static func character(forByte byte: Int) -> Character {
        let printable = Array(33...126) + Array(161...172) + Array(174...255)
        if printable.contains(byte) { return Character(Unicode.Scalar(UInt32(byte))!) }
        let offset = (0..<256).filter { !printable.contains($0) }.firstIndex(of: byte)!
        return Character(Unicode.Scalar(UInt32(256 + offset))!)
    }

    /// tokenizer.json's object.
    static var tokenizer: [String: Any] {
        var vocabulary: [String: Int] = [:]
        for byte in 0..<254 { vocabulary[String(character(forByte: byte))] = byte }
        let special = { (id: Int, content: String) -> [String: Any] in
            ["id": id, "content": content, "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true]
        }
        let byteLevel: [String: Any] = ["type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
                                        "use_regex": true]
        return ["version": "1.0", "truncation": NSNull(), "padding": NSNull(),
                "added_tokens": [special(imStart, "<|im_start|>"), special(imEnd, "<|im_end|>")],
                "normalizer": NSNull(), "pre_tokenizer": byteLevel, "post_processor": byteLevel, "decoder": byteLevel,
                "model": ["type": "BPE", "dropout": NSNull(), "unk_token": NSNull(), "fuse_unk": false,
                          "byte_fallback": false, "ignore_merges": false, "vocab": vocabulary, "merges": [String]()]]
    }

    /// tokenizer_config.json's object: ChatML, `<|im_end|>` ends a sequence, no BOS.
    static var configuration: [String: Any] {[
        "add_bos_token": false, "eos_token": "<|im_end|>", "bos_token": NSNull(), "unk_token": NSNull(),
        "chat_template": "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] "
            + "+ '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
    ]}

    /// Writes tokenizer.json and tokenizer_config.json into `folder`.
    static func write(to folder: String) throws {
        try JSONSerialization.data(withJSONObject: tokenizer)
            .write(to: URL(fileURLWithPath: folder + "/tokenizer.json"))
        try JSONSerialization.data(withJSONObject: configuration)
            .write(to: URL(fileURLWithPath: folder + "/tokenizer_config.json"))
    }
}
