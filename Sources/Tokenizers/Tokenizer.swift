/// A loaded tokenizer: text to token ids and back, as the model's reference tokenizer does it.
///
/// Load one with `init(tokenizerJSON:configurationJSON:)` (Hugging Face tokenizer.json, and
/// optionally tokenizer_config.json for the chat template and the end-of-sequence token) or
/// `init(gguf:)` (the tokenizer in a GGUF file's metadata). A value type; share it freely.
public struct Tokenizer: Sendable {
    /// Every token by id.
    public let vocabulary: Vocabulary
    /// The tokens matched in raw text before anything else (special and user-defined).
    public let addedTokens: [AddedToken]
    /// Beginning, end, padding and unknown token ids, where known.
    public let specialTokens: SpecialTokenIDs
    /// Ids put before the encoded text when special tokens are added (usually the BOS token).
    public let prefixIDs: [Int]
    /// Ids put after the encoded text when special tokens are added.
    public let suffixIDs: [Int]
    /// The normalizer's steps (applied to the text between added tokens).
    public let normalizerSteps: [NormalizerStep]
    /// The pre-tokenizer's steps.
    public let preTokenizerSteps: [PreTokenizerStep]
    /// The decoder's steps; none means tokens are joined with spaces, as `tokenizers` does.
    public let decoderSteps: [DecoderStep]
    /// The model's chat template text (Jinja), when the file has one.
    public let chatTemplateText: String?

    let model: BytePairModel
    private let matcher: AddedTokenMatcher
    private let specialIDs: Set<Int>
    private let preTokenizer: PreTokenizer

    init(model: BytePairModel, addedTokens: [AddedToken], specialTokens: SpecialTokenIDs, prefixIDs: [Int],
         suffixIDs: [Int], normalizerSteps: [NormalizerStep], preTokenizerSteps: [PreTokenizerStep],
         decoderSteps: [DecoderStep], chatTemplateText: String?) {
        self.model = model
        vocabulary = model.vocabulary
        self.addedTokens = addedTokens
        self.specialTokens = specialTokens
        self.prefixIDs = prefixIDs
        self.suffixIDs = suffixIDs
        self.normalizerSteps = normalizerSteps
        self.preTokenizerSteps = preTokenizerSteps
        self.decoderSteps = decoderSteps
        self.chatTemplateText = chatTemplateText
        matcher = AddedTokenMatcher(tokens: addedTokens)
        specialIDs = Set(addedTokens.filter(\.isSpecial).map(\.id))
        preTokenizer = PreTokenizer(steps: preTokenizerSteps)
    }

    /// Whether model-specific special tokens (BOS) are put around encoded text by default.
    public var addsSpecialTokens: Bool { !prefixIDs.isEmpty || !suffixIDs.isEmpty }

    /// Whether `id` is a special (control) token.
    public func isSpecial(_ id: Int) -> Bool { specialIDs.contains(id) }

    /// The token ids of `text`.
    ///
    /// - Parameters:
    ///   - addingSpecialTokens: put `prefixIDs` and `suffixIDs` around the result (the BOS
    ///     token, where the tokenizer's configuration adds one).
    ///   - parsingSpecialTokens: recognise special tokens written literally in `text` (longest
    ///     match first); when false they are encoded as the plain text they are written as.
    public func encode(_ text: String, addingSpecialTokens: Bool = true, parsingSpecialTokens: Bool = true) -> [Int] {
        var ids = addingSpecialTokens ? prefixIDs : []
        for segment in matcher.segments(of: text, includingSpecial: parsingSpecialTokens) {
            switch segment {
            case .token(let id):
                ids.append(id)
            case .text(let text, let isAtStart):
                let normalized = normalizerSteps.reduce(text) { $1.apply(to: $0) }
                for piece in preTokenizer.pieces(of: normalized, isAtStart: isAtStart) {
                    model.encode(piece, into: &ids)
                }
            }
        }
        if addingSpecialTokens { ids.append(contentsOf: suffixIDs) }
        return ids
    }

    /// The text of `ids`. Ids outside the vocabulary are skipped (as `tokenizers` skips them);
    /// invalid UTF-8 from byte tokens becomes U+FFFD.
    public func decode(_ ids: [Int], skippingSpecialTokens: Bool = false) -> String {
        let tokens = ids.compactMap { id -> String? in
            guard let token = vocabulary.token(for: id) else { return nil }
            return skippingSpecialTokens && specialIDs.contains(id) ? nil : token
        }
        guard !decoderSteps.isEmpty else { return tokens.joined(separator: " ") }
        return decoderSteps.reduce(tokens) { $1.apply(to: $0) }.joined()
    }

    /// A decoder for ids that arrive one at a time, which emits only complete text.
    public func makeStreamingDecoder(skippingSpecialTokens: Bool = false) -> StreamingDecoder {
        StreamingDecoder(tokenizer: self, skippingSpecialTokens: skippingSpecialTokens)
    }

    /// The chat template recognised in `chatTemplateText`, if any.
    public var chatTemplate: ChatTemplate? { chatTemplateText.flatMap(ChatTemplate.init(detectingIn:)) }

    /// The ids of a conversation rendered with `template` (by default the one recognised in the
    /// model's own template), encoded without adding special tokens (the template writes them).
    public func encodeChat(_ messages: [ChatMessage], template: ChatTemplate? = nil, system: SystemPrompt = .none,
                           addingGenerationPrompt: Bool = true) throws(TokenizerError) -> [Int] {
        guard let template = template ?? chatTemplate else {
            throw TokenizerError(.unsupportedComponent, "the model's chat template is not one this runtime recognises; choose one")
        }
        let text = try template.render(
            messages, system: system, addingGenerationPrompt: addingGenerationPrompt,
            beginningOfSequence: specialTokens.beginningOfSequence.flatMap(vocabulary.token(for:)) ?? "",
            endOfSequence: specialTokens.endOfSequence.flatMap(vocabulary.token(for:)) ?? "")
        return encode(text, addingSpecialTokens: false)
    }
}
