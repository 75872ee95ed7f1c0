import ModelFiles

/// Reads a Hugging Face tokenizer.json (and optionally tokenizer_config.json) into a Tokenizer.
/// Supported: a BPE model (rank-ordered merges, optional byte fallback, unknown token,
/// ignore_merges) with the normalizers, pre-tokenizers, decoders and post-processors of
/// `TokenizerJSONComponents`; anything else is refused with an error naming it.
struct TokenizerJSONReader {
    let limits: TokenizerLimits

    func read(_ bytes: [UInt8], configuration: [UInt8]?) throws(TokenizerError) -> Tokenizer {
        let root = try document(bytes, name: "tokenizer.json")
        let config = try configuration.map { bytes throws(TokenizerError) in try document(bytes, name: "tokenizer_config.json") }
        let modelFields = try root.object("model")
        let (vocabulary, addedTokens) = try readVocabulary(modelFields, addedTokens: root.objects("added_tokens"))
        let model = try readModel(modelFields, vocabulary: vocabulary)
        let (prefix, suffix) = try TokenizerJSONComponents.postProcessor(root.optionalObject("post_processor"))
        try checkIDs(prefix + suffix, vocabulary, "post_processor")
        let specials = try specialTokens(config, vocabulary: vocabulary, prefix: prefix, unknownID: model.unknownID)
        return Tokenizer(
            model: model, addedTokens: addedTokens, specialTokens: specials, prefixIDs: prefix, suffixIDs: suffix,
            normalizerSteps: try TokenizerJSONComponents.normalizer(root.optionalObject("normalizer")),
            preTokenizerSteps: try TokenizerJSONComponents.preTokenizer(root.optionalObject("pre_tokenizer")),
            decoderSteps: try TokenizerJSONComponents.decoder(root.optionalObject("decoder")),
            chatTemplateText: try chatTemplate(config))
    }

    private func document(_ bytes: [UInt8], name: String) throws(TokenizerError) -> JSONFields {
        try limits.check(bytes.count, limits.fileByteCountMax, "\(name) byte count")
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw TokenizerError(.invalidFile, "\(name): \(error)")
        }
        return try JSONFields(document: value, name: "")
    }

    /// The model's vocabulary merged with the added tokens into one dense id space.
    private func readVocabulary(_ model: JSONFields, addedTokens: [JSONFields]) throws(TokenizerError)
        -> (Vocabulary, [AddedToken]) {
        let vocab = try model.object("vocab")
        try limits.check(vocab.object.count, limits.vocabularyCountMax, "vocabulary count")
        try limits.check(addedTokens.count, limits.addedTokenCountMax, "added token count")
        var byID: [Int: String] = [:]
        for key in vocab.object.keys {
            let value = vocab.object[key]!
            guard let id = value.integer, id >= 0, id < limits.vocabularyCountMax else {
                throw vocab.wrongType(key, value, "a token id below \(limits.vocabularyCountMax)")
            }
            try limits.check(key.utf8.count, limits.tokenByteCountMax, "token byte count")
            guard byID.updateValue(key, forKey: id) == nil else {
                throw TokenizerError(.invalidVocabulary, "model.vocab gives id \(id) to two tokens")
            }
        }
        var added: [AddedToken] = []
        for fields in addedTokens {
            let token = try readAddedToken(fields)
            if let existing = byID[token.id], existing != token.content {
                throw TokenizerError(.invalidVocabulary, "added token \"\(token.content)\" has id \(token.id), "
                                     + "which the vocabulary gives to \"\(existing)\"")
            }
            byID[token.id] = token.content
            added.append(token)
        }
        return (try denseVocabulary(byID), added)
    }

    private func readAddedToken(_ fields: JSONFields) throws(TokenizerError) -> AddedToken {
        let id = try fields.integer("id", default: -1)
        let content = try fields.string("content")
        guard id >= 0, id < limits.vocabularyCountMax else {
            throw TokenizerError(.invalidField, "\(fields.name("id")) is missing or not below \(limits.vocabularyCountMax)")
        }
        try limits.check(content.utf8.count, limits.tokenByteCountMax, "token byte count")
        return AddedToken(id: id, content: content, isSpecial: try fields.bool("special", default: false),
                          stripsLeft: try fields.bool("lstrip", default: false),
                          stripsRight: try fields.bool("rstrip", default: false),
                          isSingleWord: try fields.bool("single_word", default: false))
    }

    private func denseVocabulary(_ byID: [Int: String]) throws(TokenizerError) -> Vocabulary {
        let count = (byID.keys.max() ?? -1) + 1
        try limits.check(count, limits.vocabularyCountMax, "vocabulary count")
        var tokens: [String] = []
        tokens.reserveCapacity(count)
        for id in 0..<count {
            guard let token = byID[id] else { throw TokenizerError(.invalidVocabulary, "no token has id \(id)") }
            tokens.append(token)
        }
        return Vocabulary(tokens: tokens)
    }

    private func readModel(_ fields: JSONFields, vocabulary: Vocabulary) throws(TokenizerError) -> BytePairModel {
        let type = try fields.optionalString("type") ?? "BPE"
        guard type == "BPE" else { throw fields.unsupported("a \(type) model (only BPE is supported)") }
        if let dropout = fields.value("dropout")?.number, dropout > 0 { throw fields.unsupported("BPE with dropout") }
        for key in ["continuing_subword_prefix", "end_of_word_suffix"] where !(try fields.optionalString(key) ?? "").isEmpty {
            throw fields.unsupported("BPE with a \(key)")
        }
        var unknownID: Int?
        if let unknown = try fields.optionalString("unk_token") {
            guard let id = vocabulary.id(for: unknown) else {
                throw TokenizerError(.invalidVocabulary, "the unknown token \"\(unknown)\" is not in the vocabulary")
            }
            unknownID = id
        }
        return BytePairModel(
            vocabulary: vocabulary, ordering: .rank(try readMerges(fields, vocabulary: vocabulary)),
            byteFallback: try fields.bool("byte_fallback", default: false), unknownID: unknownID,
            fusesUnknown: try fields.bool("fuse_unk", default: false),
            ignoresMerges: try fields.bool("ignore_merges", default: false))
    }

    private func readMerges(_ fields: JSONFields, vocabulary: Vocabulary) throws(TokenizerError)
        -> [UInt64: BytePairModel.Merge] {
        let merges = try fields.array("merges")
        try limits.check(merges.count, limits.mergeCountMax, "merge count")
        var table = MergeTableBuilder(vocabulary: vocabulary)
        for (rank, merge) in merges.enumerated() {
            let parts: [String]
            if let text = merge.string {
                parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            } else {
                parts = (merge.array ?? []).compactMap(\.string)
            }
            guard parts.count == 2, merge.array == nil || merge.array?.count == 2 else {
                throw TokenizerError(.invalidField, "model.merges[\(rank)] is not a pair of tokens")
            }
            try table.add(parts[0], parts[1], rank: rank)
        }
        return table.merges
    }

    private func checkIDs(_ ids: [Int], _ vocabulary: Vocabulary, _ what: String) throws(TokenizerError) {
        if let bad = ids.first(where: { $0 >= vocabulary.count }) {
            throw TokenizerError(.invalidVocabulary, "\(what) names token id \(bad), beyond the vocabulary")
        }
    }
}
