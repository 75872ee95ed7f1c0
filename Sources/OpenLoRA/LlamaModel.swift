import ModelFiles
import Tensor

/// A Llama-architecture model ready to run: its configuration, its weights (in place in
/// the mapped file where the file allows) and the backend that computes with them. The model
/// is immutable and can serve many `LlamaRunState`s, one per sequence.
public struct LlamaModel: Sendable {
    /// The hyperparameters.
    public let configuration: LlamaConfiguration
    /// The weights.
    public let weights: LlamaWeights
    /// The backend every operation runs on.
    public let backend: any ComputeBackend
    /// Token ids that end a sequence, from the file's metadata (may be empty).
    public let endOfSequenceTokenIDs: Set<Int>
    /// RoPE's inverse frequency per pair, from the configuration.
    let inverseFrequencies: [Float]

    /// A model from parts; throws when the weights do not match the configuration.
    public init(configuration: LlamaConfiguration, weights: LlamaWeights, backend: any ComputeBackend,
                endOfSequenceTokenIDs: Set<Int> = []) throws(OpenLoRAError) {
        try configuration.validate()
        try weights.validate(against: configuration)
        self.configuration = configuration
        self.weights = weights
        self.backend = backend
        self.endOfSequenceTokenIDs = endOfSequenceTokenIDs
        inverseFrequencies = configuration.inverseFrequencies()
    }

    /// The model in a GGUF file (mapped, not read until used).
    public init(ggufFile path: String, backend: any ComputeBackend) throws(OpenLoRAError) {
        let file: GGUFFile
        do {
            file = try GGUFFile(contentsOfFile: path)
        } catch {
            throw OpenLoRAError(error)
        }
        try self.init(gguf: file, backend: backend)
    }

    /// The model in a parsed GGUF file.
    public init(gguf file: GGUFFile, backend: any ComputeBackend) throws(OpenLoRAError) {
        let configuration = try LlamaConfiguration(gguf: file)
        let weights = try LlamaWeights(configuration: configuration, names: .gguf) { name throws(OpenLoRAError) in
            file.tensor(named: name)
        }
        let endOfSequence = file["tokenizer.ggml.eos_token_id"]?.integer.map { Set([$0]) } ?? []
        try self.init(configuration: configuration, weights: weights, backend: backend,
                      endOfSequenceTokenIDs: endOfSequence)
    }

    /// The model in a Hugging Face folder: config.json and model.safetensors, or shards named
    /// by model.safetensors.index.json.
    public init(huggingFaceDirectory directory: String, backend: any ComputeBackend) throws(OpenLoRAError) {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        let configurationBuffer: ModelFileBuffer
        let safetensors: ShardedSafetensors
        do {
            configurationBuffer = try ModelFileBuffer(mappingFileAt: folder + "config.json")
            safetensors = try ShardedSafetensors(directory: folder)
        } catch {
            throw OpenLoRAError(error)
        }
        let configuration = try LlamaConfiguration(huggingFaceConfiguration: configurationBuffer.bytes)
        let names = LlamaTensorNames.huggingFace
        let weights = try LlamaWeights(configuration: configuration, names: names) { name throws(OpenLoRAError) in
            do throws(ModelFileError) {
                return try safetensors.tensor(named: name)
            } catch {
                throw OpenLoRAError(error)
            }
        }
        let endOfSequence = try HuggingFaceConfigurationReader.endOfSequenceTokenIDs(in: configurationBuffer.bytes)
        try self.init(configuration: configuration, weights: weights, backend: backend,
                      endOfSequenceTokenIDs: endOfSequence)
    }

    /// The positions a state holds when its capacity is not given: the context length, at
    /// most this many.
    public static let defaultContextCapacityMaximum = 4096

    /// A run state for one sequence: a key-value cache of `contextCapacity` positions (default:
    /// the context length, at most `defaultContextCapacityMaximum`) and scratch buffers for
    /// `batchCapacity` tokens per forward chunk.
    public func makeState(contextCapacity: Int? = nil, batchCapacity: Int = LlamaRunState.defaultBatchCapacity)
        -> LlamaRunState {
        let capacity = contextCapacity ?? min(configuration.contextLength, Self.defaultContextCapacityMaximum)
        precondition(capacity > 0 && capacity <= configuration.contextLength, "capacity outside the context length")
        return LlamaRunState(configuration: configuration, contextCapacity: capacity, batchCapacity: batchCapacity)
    }
}
