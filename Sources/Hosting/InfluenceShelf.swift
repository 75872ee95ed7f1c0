import Foundation
import Ledger
import LoRATraining
import Node
import OpenLoRA

/// What influence/1 needs per adapter this host serves (an `InfluenceAttributionEntry`):
/// the training job's gradient store (fetched from peers as a blob), the adapter, the corpus
/// of the datanets it was trained on and that corpus's near-duplicate clusters (from its span
/// index), and a gradient engine per layout, shared. Adapters whose TrainingResult names no
/// store, or whose store has not arrived, fall back to span/1. Used under the issuer's lock,
/// one thread at a time.
public final class InfluenceShelf: @unchecked Sendable {
    private let model: LlamaModel
    private let blobs: BlobStore
    private let indexes: SpanIndexShelf
    private var entries: [String: InfluenceAttributionEntry] = [:]

    init(model: LlamaModel, blobs: BlobStore, indexes: SpanIndexShelf) {
        self.model = model
        self.blobs = blobs
        self.indexes = indexes
    }

    /// The entry of `served`, made on first use; nil when it has no store yet. Throws when
    /// the corpus's payloads have not all arrived (its clusters need them).
    func entry(for served: AdapterShelf.Served, ledger: LedgerDatabase) throws -> InfluenceAttributionEntry? {
        if let entry = entries[served.name] { return entry }
        guard let storeHash = served.gradientStoreBlob, let bytes = try blobs.get(storeHash) else { return nil }
        let adapter = try LoRAAdapter(directory: served.folder, base: model.configuration)
        let corpus = try AttributionCorpus(datanets: served.datanets, ledger: ledger)
        let index = try indexes.index(datanets: served.datanets, ledger: ledger)
        let entry = try InfluenceAttributionEntry(
            model: model, adapter: adapter, storeBytes: bytes, contributions: corpus.contributionByContent,
            representatives: InfluenceAttributionEntry.representatives(index: index, corpus: corpus),
            engine: entries.values.first?.engine)
        entries[served.name] = entry
        return entry
    }
}
