import Attribution
import Foundation
import InfluenceAttribution
import Ledger
import LoRATraining
import ModelFactory
import Node
import OpenLoRA

/// What influence/1 needs per adapter this host serves: the training job's gradient store
/// (fetched from peers as a blob), the adapter's parameters in the store's layout, and a
/// gradient engine for that layout (one per layout, shared: an engine holds the buffers of a
/// whole training step). Adapters whose TrainingResult names no store, or whose store has not
/// arrived, fall back to span/1. Used under the issuer's lock, one thread at a time.
public final class InfluenceShelf: @unchecked Sendable {
    /// One adapter's attributor and the map from a stored example's content hash to the
    /// contribution that carried it.
    struct Entry {
        let attributor: InfluenceAttributor
        let engine: LoRAGradientEngine
        let contributions: [[UInt8]: [UInt8]]
    }

    private let model: LlamaModel
    private let blobs: BlobStore
    private var entries: [String: Entry] = [:]
    private var engines: [(layout: LoRAParameterLayout, engine: LoRAGradientEngine)] = []

    init(model: LlamaModel, blobs: BlobStore) {
        self.model = model
        self.blobs = blobs
    }

    /// The entry of `served`, made on first use; nil when it has no store yet.
    func entry(for served: AdapterShelf.Served, ledger: LedgerDatabase) throws -> Entry? {
        if let entry = entries[served.name] { return entry }
        guard let storeHash = served.gradientStoreBlob, let bytes = try blobs.get(storeHash) else { return nil }
        let adapter = try LoRAAdapter(directory: served.folder, base: model.configuration)
        let layout = try LoRAParameterLayout(configuration: adapter.configuration, base: model.configuration)
        let store = try InfluenceStore(GradientStore(decoding: bytes), layout: layout)
        let checkpoint = try InfluenceCheckpoint(store: store, parameters: try layout.parameters(of: adapter))
        let attributor = try InfluenceAttributor(checkpoints: [checkpoint], parameters: .version1)
        let engine: LoRAGradientEngine
        if let shared = engines.first(where: { $0.layout == layout })?.engine {
            engine = shared
        } else {
            let length = min(attributor.parameters.sequenceTokenCountMax, model.configuration.contextLength,
                             LoRAGradientEngine.Limits.sequenceLengthMaximum)
            engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: length)
            engines.append((layout, engine))
        }
        var contributions: [[UInt8]: [UInt8]] = [:]
        for (id, record) in try ledger.contributions(datanet: served.datanetID, upToVersion: served.datanetVersion)
            where contributions[record.contentHash] == nil {
            contributions[record.contentHash] = id
        }
        let entry = Entry(attributor: attributor, engine: engine, contributions: contributions)
        entries[served.name] = entry
        return entry
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
