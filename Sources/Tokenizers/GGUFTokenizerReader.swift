import ModelFiles

/// Reads the tokenizer in a GGUF file's metadata as llama.cpp does:
///
///   tokenizer.ggml.model        "gpt2" (byte-level BPE, rank-ordered merges) or
///                               "llama" (SentencePiece BPE, score-ordered, byte fallback)
///   tokenizer.ggml.pre          the pre-tokenizer of a "gpt2" model: "gpt-2", "llama-bpe",
///                               "smollm" (and the families that share their patterns)
///   tokenizer.ggml.tokens       [string], by id            .merges  [string] "left right"
///   tokenizer.ggml.scores       [float32], by id           .token_type [int32], by id:
///                               1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte
///   tokenizer.ggml.bos_token_id / eos_token_id / padding_token_id / unknown_token_id
///   tokenizer.ggml.add_bos_token / add_eos_token / add_space_prefix   bool
///   tokenizer.chat_template     Jinja text
///
/// Control and unknown tokens become special added tokens, user-defined ones plain added
/// tokens. BOS is added by default for "llama" and not for "gpt2", unless add_bos_token says.
struct GGUFTokenizerReader {
    let header: GGUFHeader
    let limits: TokenizerLimits

    /// llama.cpp's pre-tokenizer names, by the steps they stand for and whether merges are
    /// ignored for whole-token pieces.
    static let byteLevelPreTokenizers: [String: (steps: [PreTokenizerStep], ignoresMerges: Bool)] = [
        "gpt-2": ([.byteLevel(addsPrefixSpace: false, usesRegex: true)], false),
        "llama-bpe": ([.split(.llama3), .byteLevel(addsPrefixSpace: false, usesRegex: false)], true),
        "smollm": ([.digits(individually: true), .byteLevel(addsPrefixSpace: false, usesRegex: true)], false),
        "starcoder": ([.digits(individually: true), .byteLevel(addsPrefixSpace: false, usesRegex: true)], false),
        "refact": ([.digits(individually: true), .byteLevel(addsPrefixSpace: false, usesRegex: true)], false),
    ]

    func read() throws(TokenizerError) -> Tokenizer {
        let kind = try string("tokenizer.ggml.model")
        guard kind == "gpt2" || kind == "llama" else {
            throw TokenizerError(.unsupportedComponent, "tokenizer.ggml.model \"\(kind)\" is not supported (gpt2 and llama are)")
        }
        let tokens = try tokenList()
        let vocabulary = Vocabulary(tokens: tokens)
        let types = try integers("tokenizer.ggml.token_type", count: tokens.count) ?? Array(repeating: 1, count: tokens.count)
        let added = tokens.indices.compactMap { id in Self.addedToken(id: id, content: tokens[id], type: types[id]) }
        let specials = try specialTokens(count: tokens.count)
        let addsBOS = try bool("tokenizer.ggml.add_bos_token") ?? (kind == "llama")
        let addsEOS = try bool("tokenizer.ggml.add_eos_token") ?? false
        let prefix = try boundaryIDs(addsBOS, specials.beginningOfSequence, "tokenizer.ggml.bos_token_id")
        let suffix = try boundaryIDs(addsEOS, specials.endOfSequence, "tokenizer.ggml.eos_token_id")
        let template = try optionalString("tokenizer.chat_template")
        if let template { try limits.check(template.utf8.count, limits.chatTemplateByteCountMax, "chat template byte count") }
        if kind == "gpt2" {
            let pre = try byteLevelPreTokenizer()
            let model = BytePairModel(vocabulary: vocabulary, ordering: .rank(try merges(vocabulary)), byteFallback: false,
                                      unknownID: specials.unknown, fusesUnknown: false, ignoresMerges: pre.ignoresMerges)
            return Tokenizer(model: model, addedTokens: added, specialTokens: specials, prefixIDs: prefix,
                             suffixIDs: suffix, normalizerSteps: [], preTokenizerSteps: pre.steps,
                             decoderSteps: [.byteLevel], chatTemplateText: template)
        }
        let scores = try floats("tokenizer.ggml.scores", count: tokens.count) ?? Array(repeating: 0, count: tokens.count)
        let mergeable = types.map { $0 == 1 }
        let model = BytePairModel(vocabulary: vocabulary, ordering: .score(scores, mergeable: mergeable), byteFallback: true,
                                  unknownID: specials.unknown, fusesUnknown: false, ignoresMerges: false)
        let addsSpacePrefix = try bool("tokenizer.ggml.add_space_prefix") ?? true
        var normalizer: [NormalizerStep] = addsSpacePrefix ? [.prepend("\u{2581}")] : []
        normalizer.append(.replace(pattern: " ", content: "\u{2581}"))
        let decoder: [DecoderStep] = [.replace(pattern: "\u{2581}", content: " "), .byteFallback, .fuse,
                                      .strip(content: " ", start: addsSpacePrefix ? 1 : 0, stop: 0)]
        return Tokenizer(model: model, addedTokens: added, specialTokens: specials, prefixIDs: prefix, suffixIDs: suffix,
                         normalizerSteps: normalizer, preTokenizerSteps: [], decoderSteps: decoder,
                         chatTemplateText: template)
    }

    static func addedToken(id: Int, content: String, type: Int) -> AddedToken? {
        switch type {
        case 2, 3: AddedToken(id: id, content: content, isSpecial: true)
        case 4: AddedToken(id: id, content: content, isSpecial: false)
        default: nil
        }
    }

    private func byteLevelPreTokenizer() throws(TokenizerError) -> (steps: [PreTokenizerStep], ignoresMerges: Bool) {
        guard let name = try optionalString("tokenizer.ggml.pre") else {
            throw TokenizerError(.missingField, "tokenizer.ggml.pre is missing; the pre-tokenizer of a gpt2 model must be named")
        }
        guard let known = Self.byteLevelPreTokenizers[name] else {
            throw TokenizerError(.unsupportedComponent, "tokenizer.ggml.pre \"\(name)\" is not supported "
                                 + "(supported: \(Self.byteLevelPreTokenizers.keys.sorted().joined(separator: ", ")))")
        }
        return known
    }

    private func tokenList() throws(TokenizerError) -> [String] {
        guard let value = header["tokenizer.ggml.tokens"] else {
            throw TokenizerError(.missingField, "tokenizer.ggml.tokens is missing")
        }
        guard let tokens = value.array?.strings else {
            throw TokenizerError(.invalidField, "tokenizer.ggml.tokens is not an array of strings")
        }
        try limits.check(tokens.count, limits.vocabularyCountMax, "vocabulary count")
        for token in tokens { try limits.check(token.utf8.count, limits.tokenByteCountMax, "token byte count") }
        return tokens
    }

    private func merges(_ vocabulary: Vocabulary) throws(TokenizerError) -> [UInt64: BytePairModel.Merge] {
        guard let value = header["tokenizer.ggml.merges"] else {
            throw TokenizerError(.missingField, "tokenizer.ggml.merges is missing")
        }
        guard let merges = value.array?.strings else {
            throw TokenizerError(.invalidField, "tokenizer.ggml.merges is not an array of strings")
        }
        try limits.check(merges.count, limits.mergeCountMax, "merge count")
        var table = MergeTableBuilder(vocabulary: vocabulary)
        for (rank, merge) in merges.enumerated() {
            // As llama.cpp: the separator is the first space after the first byte.
            let utf8 = Array(merge.utf8)
            guard utf8.count > 2, let space = utf8[1...].firstIndex(of: UInt8(ascii: " ")) else {
                throw TokenizerError(.invalidField, "tokenizer.ggml.merges[\(rank)] is not \"left right\"")
            }
            try table.add(String(decoding: utf8[..<space], as: UTF8.self),
                          String(decoding: utf8[(space + 1)...], as: UTF8.self), rank: rank)
        }
        return table.merges
    }

    private func specialTokens(count: Int) throws(TokenizerError) -> SpecialTokenIDs {
        func id(_ key: String) throws(TokenizerError) -> Int? {
            guard let value = header[key] else { return nil }
            guard let id = value.integer, id >= 0, id < count else {
                throw TokenizerError(.invalidField, "\(key) is not a token id below \(count)")
            }
            return id
        }
        return SpecialTokenIDs(
            beginningOfSequence: try id("tokenizer.ggml.bos_token_id"), endOfSequence: try id("tokenizer.ggml.eos_token_id"),
            padding: try id("tokenizer.ggml.padding_token_id"), unknown: try id("tokenizer.ggml.unknown_token_id"))
    }

    private func boundaryIDs(_ adds: Bool, _ id: Int?, _ key: String) throws(TokenizerError) -> [Int] {
        guard adds else { return [] }
        guard let id else { throw TokenizerError(.missingField, "\(key) is missing but the tokenizer adds that token") }
        return [id]
    }

    private func string(_ key: String) throws(TokenizerError) -> String {
        guard let text = try optionalString(key) else { throw TokenizerError(.missingField, "\(key) is missing") }
        return text
    }

    private func optionalString(_ key: String) throws(TokenizerError) -> String? {
        guard let value = header[key] else { return nil }
        guard let text = value.string else { throw TokenizerError(.invalidField, "\(key) is not a string") }
        return text
    }

    private func bool(_ key: String) throws(TokenizerError) -> Bool? {
        guard let value = header[key] else { return nil }
        guard let flag = value.bool else { throw TokenizerError(.invalidField, "\(key) is not a bool") }
        return flag
    }

    private func integers(_ key: String, count: Int) throws(TokenizerError) -> [Int]? {
        guard let value = header[key] else { return nil }
        guard let values = value.array?.integers, values.count == count else {
            throw TokenizerError(.invalidField, "\(key) is not an array of \(count) integers")
        }
        return values
    }

    private func floats(_ key: String, count: Int) throws(TokenizerError) -> [Float]? {
        guard let value = header[key] else { return nil }
        guard let values = value.array?.floats, values.count == count else {
            throw TokenizerError(.invalidField, "\(key) is not an array of \(count) floats")
        }
        return values
    }
}
