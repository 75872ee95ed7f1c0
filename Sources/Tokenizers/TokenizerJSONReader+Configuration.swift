/// tokenizer_config.json: the chat template and which tokens are BOS, EOS, padding and unknown.
extension TokenizerJSONReader {
    /// The special token ids: BOS from the configuration or else the post-processor's first
    /// added token; EOS and padding from the configuration; unknown from it or the model.
    func specialTokens(_ config: JSONFields?, vocabulary: Vocabulary, prefix: [Int],
                       unknownID: Int?) throws(TokenizerError) -> SpecialTokenIDs {
        var ids = SpecialTokenIDs(beginningOfSequence: prefix.first, unknown: unknownID)
        guard let config else { return ids }
        func id(_ key: String) throws(TokenizerError) -> Int? {
            guard let text = try tokenText(config, key) else { return nil }
            guard let id = vocabulary.id(for: text) else {
                throw TokenizerError(.invalidVocabulary, "tokenizer_config.json names \(key) \"\(text)\", not in the vocabulary")
            }
            return id
        }
        ids.beginningOfSequence = try id("bos_token") ?? ids.beginningOfSequence
        ids.endOfSequence = try id("eos_token")
        ids.padding = try id("pad_token")
        ids.unknown = try id("unk_token") ?? ids.unknown
        return ids
    }

    /// A token named as a string or as an object with "content".
    private func tokenText(_ config: JSONFields, _ key: String) throws(TokenizerError) -> String? {
        guard let value = config.value(key) else { return nil }
        if let text = value.string { return text }
        guard let object = value.object else { throw config.wrongType(key, value, "a string or an object") }
        return try JSONFields(object, path: config.name(key)).string("content")
    }

    /// The chat template: a string, or the one named "default" (else the first) of a list.
    func chatTemplate(_ config: JSONFields?) throws(TokenizerError) -> String? {
        guard let config, let value = config.value("chat_template") else { return nil }
        let template: String
        if let text = value.string {
            template = text
        } else {
            let named = try config.objects("chat_template")
            var chosen = named.first
            for fields in named {
                let name = try fields.optionalString("name")
                if name == "default" { chosen = fields }
            }
            guard let chosen else { return nil }
            template = try chosen.string("template")
        }
        try limits.check(template.utf8.count, limits.chatTemplateByteCountMax, "chat template byte count")
        return template
    }
}
