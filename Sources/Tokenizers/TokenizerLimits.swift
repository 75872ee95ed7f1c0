/// The named limits a tokenizer file is checked against while it is loaded. The defaults admit
/// every published tokenizer known to us (the largest vocabularies have about 256 Ki tokens,
/// the largest tokenizer.json files about 35 MB).
public struct TokenizerLimits: Sendable, Equatable {
    /// Largest tokenizer.json or tokenizer_config.json file, in bytes.
    public var fileByteCountMax: Int
    /// Most tokens in the vocabulary, added tokens included.
    public var vocabularyCountMax: Int
    /// Most merge rules.
    public var mergeCountMax: Int
    /// Longest token, in UTF-8 bytes of its stored form.
    public var tokenByteCountMax: Int
    /// Most added (special or user-defined) tokens.
    public var addedTokenCountMax: Int
    /// Longest chat template text, in UTF-8 bytes.
    public var chatTemplateByteCountMax: Int

    /// The limits used when none are given.
    public static let standard = TokenizerLimits(
        fileByteCountMax: 128 << 20, vocabularyCountMax: 1 << 20, mergeCountMax: 1 << 21,
        tokenByteCountMax: 4096, addedTokenCountMax: 1 << 16, chatTemplateByteCountMax: 1 << 20)

    /// Limits with the given values.
    public init(fileByteCountMax: Int, vocabularyCountMax: Int, mergeCountMax: Int, tokenByteCountMax: Int,
                addedTokenCountMax: Int, chatTemplateByteCountMax: Int) {
        self.fileByteCountMax = fileByteCountMax
        self.vocabularyCountMax = vocabularyCountMax
        self.mergeCountMax = mergeCountMax
        self.tokenByteCountMax = tokenByteCountMax
        self.addedTokenCountMax = addedTokenCountMax
        self.chatTemplateByteCountMax = chatTemplateByteCountMax
    }

    /// Throws `.limitExceeded` when `count` is above `maximum`.
    func check(_ count: Int, _ maximum: Int, _ what: String) throws(TokenizerError) {
        guard count <= maximum else {
            throw TokenizerError(.limitExceeded, "\(what): \(count) is above the limit of \(maximum)")
        }
    }
}
