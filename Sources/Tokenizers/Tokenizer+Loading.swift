import ModelFiles

extension Tokenizer {
    /// Loads a Hugging Face tokenizer.json, and optionally its tokenizer_config.json (chat
    /// template; BOS, EOS, padding and unknown tokens).
    ///
    /// - Throws: `TokenizerError` for malformed files, limits exceeded, and components not
    ///   supported (the error names them).
    public init(tokenizerJSON: [UInt8], configurationJSON: [UInt8]? = nil,
                limits: TokenizerLimits = .standard) throws(TokenizerError) {
        self = try TokenizerJSONReader(limits: limits).read(tokenizerJSON, configuration: configurationJSON)
    }

    /// Loads tokenizer.json at `path`, and tokenizer_config.json at `configurationPath` if given.
    public init(tokenizerJSONAt path: String, configurationAt configurationPath: String? = nil,
                limits: TokenizerLimits = .standard) throws(TokenizerError) {
        let bytes = try Self.readFile(path, limits: limits)
        let configuration = try configurationPath.map { path throws(TokenizerError) in try Self.readFile(path, limits: limits) }
        try self.init(tokenizerJSON: bytes, configurationJSON: configuration, limits: limits)
    }

    /// Loads the tokenizer in a GGUF file's metadata (`tokenizer.ggml.*`, `tokenizer.chat_template`).
    public init(gguf header: GGUFHeader, limits: TokenizerLimits = .standard) throws(TokenizerError) {
        self = try GGUFTokenizerReader(header: header, limits: limits).read()
    }

    private static func readFile(_ path: String, limits: TokenizerLimits) throws(TokenizerError) -> [UInt8] {
        let buffer: ModelFileBuffer
        do {
            buffer = try ModelFileBuffer(mappingFileAt: path)
        } catch {
            throw TokenizerError(.fileSystem, "\(path): \(error.message)")
        }
        try limits.check(buffer.count, limits.fileByteCountMax, "\(path) byte count")
        return Array(buffer.bytes)
    }
}
