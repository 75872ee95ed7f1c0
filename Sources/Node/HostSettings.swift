/// The `host` section of `config.json`: what a node with the host role serves and where.
///
///     "host": {"model": "/models/SmolLM2-135M-Instruct.Q4_1.gguf", "price_per_thousand_tokens": "0.001"}
///
/// The API it serves inference on is the node's (`config.json`'s `api`).
public struct HostSettings: Codable, Sendable, Equatable {
    /// The base model: a GGUF file or a Hugging Face folder.
    public var model: String
    /// What a thousand tokens (prompt and output together) cost, in tokens, as decimal text.
    public var pricePerThousandTokens: String
    /// Compute threads for inference (nil: every core).
    public var threads: Int?
    /// The adapters kept loaded at once, in bytes.
    public var adapterCacheBytes: Int

    public static let defaultAdapterCacheBytes = 512 << 20

    enum CodingKeys: String, CodingKey {
        case model, pricePerThousandTokens = "price_per_thousand_tokens"
        case threads, adapterCacheBytes = "adapter_cache_bytes"
    }

    public init(model: String, pricePerThousandTokens: String = "0.001", threads: Int? = nil,
                adapterCacheBytes: Int = defaultAdapterCacheBytes) {
        self.model = model
        self.pricePerThousandTokens = pricePerThousandTokens
        self.threads = threads
        self.adapterCacheBytes = adapterCacheBytes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        pricePerThousandTokens = try container.decodeIfPresent(String.self, forKey: .pricePerThousandTokens) ?? "0.001"
        threads = try container.decodeIfPresent(Int.self, forKey: .threads)
        adapterCacheBytes = try container.decodeIfPresent(Int.self, forKey: .adapterCacheBytes)
            ?? Self.defaultAdapterCacheBytes
    }

    /// Why the settings cannot be used, or nil.
    public func problem() -> String? {
        guard !model.isEmpty else { return "host.model names no model file" }
        guard threads.map({ (1...256).contains($0) }) ?? true else { return "host.threads must lie in 1...256" }
        guard adapterCacheBytes >= 1 << 20 else { return "host.adapter_cache_bytes must be at least 1 MiB" }
        return nil
    }
}
