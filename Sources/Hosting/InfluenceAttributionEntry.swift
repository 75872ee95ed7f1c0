import Attribution
import InfluenceAttribution
import Ledger
import LoRATraining
import ModelFactory
import OpenLoRA
import Tokenizers

/// Everything influence/1 needs for one adapter, built the same way by the host that
/// attributes and by the auditors that re-check it: the job's gradient store with the
/// adapter's parameters as the one checkpoint, DataInf's parameters ("influence/1"), a
/// gradient engine for the layout, the map from a stored example's content hash to the
/// first contribution of the corpus that carried it, and the near-duplicate clusters of the
/// corpus (from its span index: a cluster is credited once, to its earliest member).
public struct InfluenceAttributionEntry: @unchecked Sendable {
    public let attributor: InfluenceAttributor
    public let engine: LoRAGradientEngine
    /// A payload's content hash to the contribution credited for it.
    public let contributions: [[UInt8]: [UInt8]]
    /// A payload's content hash to its near-duplicate cluster's earliest member's (absent:
    /// the payload stands alone).
    public let representatives: [[UInt8]: [UInt8]]

    /// An entry for `adapter` over `model` with the job's store (its file bytes); `engine`
    /// is reused when its layout fits (one per layout: it holds a whole training step's
    /// buffers).
    public init(model: LlamaModel, adapter: LoRAAdapter, storeBytes: [UInt8], contributions: [[UInt8]: [UInt8]],
                representatives: [[UInt8]: [UInt8]] = [:], engine: LoRAGradientEngine? = nil) throws {
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
        self.representatives = representatives
    }

    /// The near-duplicate clusters of `corpus` as `index` (its span index) found them, in
    /// content hashes: each document credited to another maps to that one's payload.
    public static func representatives(index: SpanIndex, corpus: AttributionCorpus) -> [[UInt8]: [UInt8]] {
        var contentOf: [[UInt8]: [UInt8]] = [:]
        for (id, record) in corpus.contributions { contentOf[id] = record.contentHash }
        var map: [[UInt8]: [UInt8]] = [:]
        for document in 0..<index.documentCount {
            let credited = index.creditedDocument(of: document)
            guard credited != document, let content = contentOf[index.documentID(at: document)],
                  let representative = contentOf[index.documentID(at: credited)], content != representative,
                  map[content] == nil else { continue }
            map[content] = representative
        }
        return map
    }

    /// The influence/1 attribution of a prompt and output, as a receipt's entries, and the
    /// store's root. A query the method cannot evaluate gives no entries.
    public func attribute(promptText: String, outputText: String,
                          tokenizer: Tokenizer) throws -> (root: [UInt8], entries: [AttributionEntry]?) {
        let query = InfluenceQuery(promptTokens: AttributionInput.promptTokens(of: promptText, tokenizer: tokenizer),
                                   outputTokens: AttributionInput.outputTokens(of: outputText, tokenizer: tokenizer))
        let outcome = Result { () throws(InfluenceError) in
            try attributor.attribute(query, objective: engine, representatives: representatives)
        }
        switch outcome {
        case .success(let result):
            return (attributor.attributionRoot, Self.credit(result.weights, contributions: contributions))
        case .failure(let error):
            guard error.kind == .invalidQuery || error.kind == .nonFiniteValue else { throw error }
            return (attributor.attributionRoot, nil)
        }
    }

    /// The receipt's credit from an influence result: each stored content hash mapped to its
    /// contribution (weights of one contribution summed), in the result's order.
    public static func credit(_ weights: [AttributionWeight], contributions: [[UInt8]: [UInt8]]) -> [AttributionEntry] {
        var order: [[UInt8]] = []
        var summed: [[UInt8]: UInt32] = [:]
        for weight in weights {
            guard let id = contributions[weight.contributionID] else { continue }
            if summed[id] == nil { order.append(id) }
            summed[id, default: 0] += weight.weightPPM
        }
        return order.map { AttributionEntry(contributionID: $0, weightPPM: summed[$0]!) }
    }
}
