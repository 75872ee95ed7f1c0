import ModelFiles
import Tensor

extension LlamaConfiguration {
    /// The configuration in a GGUF file's `llama.*` metadata, as llama.cpp reads it. The
    /// vocabulary size is `llama.vocab_size`, else the length of `tokenizer.ggml.tokens`, else
    /// the rows of `token_embd.weight`; llama3 rope scaling arrives as the `rope_freqs.weight`
    /// tensor; embeddings are tied when there is no `output.weight`.
    public init(gguf file: GGUFFile) throws(OpenLoRAError) {
        let architecture = file["general.architecture"]?.string ?? "(none)"
        guard architecture == "llama" else {
            throw OpenLoRAError(.unsupportedArchitecture, "architecture \(architecture) is not llama")
        }
        let metadata = GGUFMetadataReader(file: file)
        let width = try metadata.integer("llama.embedding_length")
        let heads = try metadata.integer("llama.attention.head_count")
        let headDimension = try metadata.integer("llama.attention.key_length", default: heads > 0 ? width / heads : 0)
        try Self.checkGGUFHeadDimension(metadata, headDimension)
        self.init(vocabularySize: try Self.ggufVocabularySize(file, metadata), embeddingLength: width,
                  feedForwardLength: try metadata.integer("llama.feed_forward_length"),
                  blockCount: try metadata.integer("llama.block_count"), headCount: heads,
                  keyValueHeadCount: try metadata.integer("llama.attention.head_count_kv", default: heads),
                  headDimension: headDimension, contextLength: try metadata.integer("llama.context_length"),
                  rmsNormEpsilon: Float(try metadata.number("llama.attention.layer_norm_rms_epsilon")),
                  ropeFrequencyBase: try metadata.number("llama.rope.freq_base", default: 10_000),
                  ropeScaling: try Self.ggufRopeScaling(file, metadata), ropeLayout: .interleaved,
                  tiesEmbeddings: file.tensor(named: "output.weight") == nil)
        try validate()
    }

    private static func checkGGUFHeadDimension(_ metadata: GGUFMetadataReader, _ headDimension: Int)
        throws(OpenLoRAError) {
        let valueLength = try metadata.integer("llama.attention.value_length", default: headDimension)
        let ropeDimension = try metadata.integer("llama.rope.dimension_count", default: headDimension)
        guard valueLength == headDimension, ropeDimension == headDimension else {
            throw OpenLoRAError(.invalidConfiguration,
                                "key length \(headDimension), value length \(valueLength) and rope dimension "
                                + "\(ropeDimension) differ; only full-width rope on equal heads is supported")
        }
    }

    private static func ggufVocabularySize(_ file: GGUFFile, _ metadata: GGUFMetadataReader)
        throws(OpenLoRAError) -> Int {
        if file["llama.vocab_size"] != nil { return try metadata.integer("llama.vocab_size") }
        if let tokens = file["tokenizer.ggml.tokens"]?.array { return tokens.count }
        if let embedding = file.tensor(named: "token_embd.weight"), embedding.dimensions.count == 2 {
            return embedding.dimensions[1]
        }
        throw OpenLoRAError(.invalidConfiguration,
                            "the vocabulary size is not stated and there is no token_embd.weight")
    }

    private static func ggufRopeScaling(_ file: GGUFFile, _ metadata: GGUFMetadataReader) throws(OpenLoRAError)
        -> RopeScaling {
        let type = file["llama.rope.scaling.type"]?.string ?? "none"
        let factors = file.tensor(named: "rope_freqs.weight")
        switch (type, factors) {
        case ("none", nil):
            return .none
        case ("none", let view?):
            do {
                return .frequencyFactors(try view.dequantize())
            } catch {
                throw OpenLoRAError(error)
            }
        case ("linear", nil):
            return .linear(factor: Float(try metadata.number("llama.rope.scaling.factor")))
        default:
            throw OpenLoRAError(.invalidConfiguration, "rope scaling \(type)"
                                + (factors == nil ? "" : " with rope_freqs.weight") + " is not supported")
        }
    }
}
