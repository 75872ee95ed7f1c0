/// The `audit` section of `config.json`: the base model an auditing node loads to re-check
/// the attribution of inference receipts (tier 1: span/1 for every receipt whose datanet's
/// payloads it holds; tier 2: influence/1 for the receipts the batch seed assigns to it).
///
///     "audit": {"model": "/models/SmolLM2-135M-Instruct.Q4_1.gguf", "threads": 2}
public struct AuditSettings: Codable, Sendable, Equatable {
    /// The base model the audited adapters were trained on: a GGUF file or a Hugging Face folder.
    public var model: String
    /// Compute threads for re-computations (nil: every core).
    public var threads: Int?

    enum CodingKeys: String, CodingKey {
        case model, threads
    }

    public init(model: String, threads: Int? = nil) {
        self.model = model
        self.threads = threads
    }

    /// Why the settings cannot be used, or nil.
    public func problem() -> String? {
        guard !model.isEmpty else { return "audit.model names no model file" }
        guard threads.map({ (1...256).contains($0) }) ?? true else { return "audit.threads must lie in 1...256" }
        return nil
    }
}
