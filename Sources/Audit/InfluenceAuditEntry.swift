import Attribution
import Hosting
import InfluenceAttribution
import Ledger
import LoRATraining
import ModelFactory
import OpenLoRA
import Tokenizers

/// What tier 2 needs for one adapter, built exactly as a host builds it (Hosting's
/// InfluenceShelf): the job's gradient store with the adapter's parameters as the one
/// checkpoint, DataInf's parameters ("influence/1"), a gradient engine for the layout, and
/// the map from a stored example's content hash to the first accepted contribution that
/// carried it.
public struct InfluenceAuditEntry: @unchecked Sendable {
    public let attributor: InfluenceAttributor
    public let engine: LoRAGradientEngine
    public let contributions: [[UInt8]: [UInt8]]

    /// An entry for `adapter` over `model` with the job's store (its file bytes); `engine`
    /// is reused when given (one per layout: it holds a whole training step's buffers).
    public init(model: LlamaModel, adapter: LoRAAdapter, storeBytes: [UInt8], contributions: [[UInt8]: [UInt8]],
                engine: LoRAGradientEngine? = nil) throws {
        let layout = try LoRAParameterLayout(configuration: adapter.configuration, base: model.configuration)
        let store = try InfluenceStore(GradientStore(decoding: storeBytes), layout: layout)
        let checkpoint = try InfluenceCheckpoint(store: store, parameters: try layout.parameters(of: adapter))
        attributor = try InfluenceAttributor(checkpoints: [checkpoint], parameters: .version1)
        if let engine, engine.layout == layout {
            self.engine = engine
        } else {
            let length = min(attributor.parameters.sequenceTokenCountMax, model.configuration.contextLength,
                             LoRAGradientEngine.Limits.sequenceLengthMaximum)
            self.engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: length)
        }
        self.contributions = contributions
    }

    /// The content map of a datanet version: each accepted payload's hash to the first
    /// contribution (in acceptance order) that carried it.
    public static func contributions(of accepted: [(id: [UInt8], record: ContributionRecord)]) -> [[UInt8]: [UInt8]] {
        var map: [[UInt8]: [UInt8]] = [:]
        for (id, record) in accepted where map[record.contentHash] == nil {
            map[record.contentHash] = id
        }
        return map
    }

    /// This node's influence/1 attribution of `reveal` as a receipt's entries, and the
    /// store's root. A revealed query the method cannot evaluate gives no entries (the host
    /// could not have attributed it either).
    public func recompute(_ reveal: Reveal, tokenizer: Tokenizer) throws -> (root: [UInt8], entries: [AttributionEntry]?) {
        let query = InfluenceQuery(promptTokens: AttributionInput.promptTokens(of: reveal.promptText, tokenizer: tokenizer),
                                   outputTokens: AttributionInput.outputTokens(of: reveal.outputText, tokenizer: tokenizer))
        let outcome = Result { () throws(InfluenceError) in try attributor.attribute(query, objective: engine) }
        switch outcome {
        case .success(let result):
            return (attributor.attributionRoot, InfluenceShelf.credit(result.weights, contributions: contributions))
        case .failure(let error):
            guard error.kind == .invalidQuery || error.kind == .nonFiniteValue else { throw error }
            return (attributor.attributionRoot, nil)
        }
    }
}
