import ModelFiles
import Tensor

extension LlamaConfiguration {
    /// The byte limit on a config.json.
    public static let configurationByteCountMaximum = 1 << 20

    /// The configuration in the Hugging Face config.json at `path`.
    public init(huggingFaceConfigurationFile path: String) throws(OpenLoRAError) {
        let buffer: ModelFileBuffer
        do {
            buffer = try ModelFileBuffer(mappingFileAt: path)
        } catch {
            throw OpenLoRAError(error)
        }
        try self.init(huggingFaceConfiguration: buffer.bytes)
    }

    /// The configuration in config.json text, as transformers' LlamaConfig reads it (with its
    /// defaults for absent keys). Features this runtime does not implement (biases, another
    /// activation, rope scaling other than linear and llama3) are refused by name.
    public init(huggingFaceConfiguration text: UnsafeRawBufferPointer) throws(OpenLoRAError) {
        guard text.count <= Self.configurationByteCountMaximum else {
            throw OpenLoRAError(.invalidConfiguration, "config.json has \(text.count) bytes, above the limit")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw OpenLoRAError(error)
        }
        guard let root = value.object else {
            throw OpenLoRAError(.invalidConfiguration, "config.json is not a JSON object")
        }
        try self.init(huggingFace: HuggingFaceConfigurationReader(object: root))
    }

    private init(huggingFace config: HuggingFaceConfigurationReader) throws(OpenLoRAError) {
        let modelType = try config.string("model_type", default: "llama")
        guard modelType == "llama" else {
            throw OpenLoRAError(.unsupportedArchitecture, "model_type \(modelType) is not llama")
        }
        try config.refuseUnsupportedFeatures()
        let width = try config.integer("hidden_size")
        let heads = try config.integer("num_attention_heads")
        self.init(vocabularySize: try config.integer("vocab_size"), embeddingLength: width,
                  feedForwardLength: try config.integer("intermediate_size"),
                  blockCount: try config.integer("num_hidden_layers"), headCount: heads,
                  keyValueHeadCount: try config.integer("num_key_value_heads", default: heads),
                  headDimension: try config.integer("head_dim", default: heads > 0 ? width / heads : 0),
                  contextLength: try config.integer("max_position_embeddings", default: 2048),
                  rmsNormEpsilon: Float(try config.number("rms_norm_eps", default: 1e-6)),
                  ropeFrequencyBase: try config.number("rope_theta", default: 10_000),
                  ropeScaling: try config.ropeScaling(), ropeLayout: .halves,
                  tiesEmbeddings: try config.bool("tie_word_embeddings", default: false))
        try validate()
    }
}
