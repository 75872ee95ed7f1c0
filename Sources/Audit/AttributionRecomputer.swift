import Attribution
import Foundation
import Hosting
import InfluenceAttribution
import Ledger
import LoRATraining
import Node
import OpenLoRA
import Tokenizers
import Wire

/// Recomputes receipts the way their host computed them, from the blob store and the
/// ledger, with Hosting's own types: span/1 over the index of the corpus of the datanet
/// versions the adapter was trained on (SpanIndexShelf, so the bytes and root are a host's),
/// influence/1 with the adapter, the job's gradient store and the corpus's clusters
/// (InfluenceAttributionEntry). Only receipts of adapters trained on this node's
/// base model are checkable (another base has another tokenizer). One thread at a time.
public final class AttributionRecomputer: @unchecked Sendable {
    /// The most influence entries kept (each holds a store and, per layout, an engine).
    public static let influenceEntryCountMax = 8

    public let tokenizer: Tokenizer
    /// The ledger hash of the base model this node audits for.
    public let baseModelHash: [UInt8]
    private let model: LlamaModel?
    private let blobs: BlobStore
    private let indexes: SpanIndexShelf
    private let adaptersPath: String
    private var influenceEntries: [[UInt8]: InfluenceAttributionEntry] = [:]

    /// A recomputer for receipts of adapters on `baseModelHash`; without `model`, tier 1 only.
    /// Adapter bundles are unpacked under `adaptersPath`.
    public init(blobs: BlobStore, tokenizer: Tokenizer, model: LlamaModel?, baseModelHash: [UInt8], adaptersPath: String) {
        self.blobs = blobs
        self.tokenizer = tokenizer
        self.model = model
        self.baseModelHash = baseModelHash
        self.adaptersPath = adaptersPath
        indexes = SpanIndexShelf(blobs: blobs, tokenizer: tokenizer)
    }

    /// Whether this node can recompute influence/1 receipts.
    public var checksInfluence: Bool { model != nil }

    /// The training result of `receipt`'s adapter when this node can check the receipt.
    public func training(of receipt: InferenceReceipt, ledger: LedgerDatabase) throws -> TrainingResult {
        guard !receipt.adapterHash.isEmpty, let adapter = try ledger.adapter(receipt.adapterHash) else {
            throw AuditError(.notCheckable, "the receipt names no adapter on the ledger, so no datanet version")
        }
        guard adapter.result.baseModelHash == baseModelHash else {
            throw AuditError(.notCheckable, "the adapter was trained on another base model")
        }
        return adapter.result
    }

    /// The receipt's tier, or nil for a method this node does not check.
    public func tier(of receipt: InferenceReceipt) -> AuditTier? {
        switch receipt.method {
        case SpanAttribution.method: .span
        case InfluenceParameters.version1.method where model != nil: .influence
        default: nil
        }
    }

    /// Tier 1: `receipt` against span/1 over its corpus's index and `reveal`'s output.
    public func span(_ receipt: InferenceReceipt, training: TrainingResult, reveal: Reveal,
                     ledger: LedgerDatabase) throws -> AuditFinding {
        try requirePayloads(of: AttributionCorpus(datanets: training.datanets, ledger: ledger))
        let index = try indexes.index(datanets: training.datanets, ledger: ledger)
        let output = AttributionInput.outputTokens(of: reveal.outputText, tokenizer: tokenizer).map { UInt32(clamping: $0) }
        let result = SpanAttribution.attribute(output, index: index)
        let entries = result.weights.map { AttributionEntry(contributionID: $0.contributionID, weightPPM: $0.weightPPM) }
        return AuditComparison.span(receipt, recomputedRoot: result.indexRoot, recomputed: entries)
    }

    /// Tier 2: `receipt` against influence/1 with the adapter and the job's gradient store.
    public func influence(_ receipt: InferenceReceipt, training: TrainingResult, reveal: Reveal,
                          ledger: LedgerDatabase) throws -> AuditFinding {
        let entry = try influenceEntry(adapterHash: receipt.adapterHash, training: training, ledger: ledger)
        let (root, recomputed) = try entry.attribute(promptText: reveal.promptText, outputText: reveal.outputText,
                                                     tokenizer: tokenizer)
        guard let recomputed else {
            return .differs(recomputed: [], reason: "the revealed prompt and output cannot be evaluated by influence/1")
        }
        return AuditComparison.influence(receipt, recomputedRoot: root, recomputed: recomputed,
                                         tolerancePPM: entry.attributor.parameters.weightTolerancePPM)
    }

    private func influenceEntry(adapterHash: [UInt8], training: TrainingResult,
                                ledger: LedgerDatabase) throws -> InfluenceAttributionEntry {
        if let entry = influenceEntries[adapterHash] { return entry }
        guard let model else { throw AuditError(.notCheckable, "no model is loaded for influence/1") }
        guard let storeHash = training.gradientStoreBlob else {
            throw AuditError(.notCheckable, "the training result names no gradient store")
        }
        let missing = [AuditError.MissingBlob(hash: adapterHash, byteCountMax: training.adapterByteCount),
                       AuditError.MissingBlob(hash: storeHash, byteCountMax: UInt64(BlobStore.byteCountMax))]
            .filter { !blobs.contains($0.hash) }
        guard missing.isEmpty, let bundle = try blobs.get(adapterHash), let store = try blobs.get(storeHash) else {
            throw AuditError(.blobsMissing(missing), "the adapter or its gradient store has not arrived")
        }
        let folder = (adaptersPath as NSString).appendingPathComponent(Base16.encode(adapterHash))
        try FileManager.default.createDirectory(atPath: adaptersPath, withIntermediateDirectories: true)
        try LoRAAdapter.unpackBundle(bundle, toDirectory: folder)
        let adapter = try LoRAAdapter(directory: folder, base: model.configuration)
        let corpus = try AttributionCorpus(datanets: training.datanets, ledger: ledger)
        try requirePayloads(of: corpus)
        let index = try indexes.index(datanets: training.datanets, ledger: ledger)
        if influenceEntries.count >= Self.influenceEntryCountMax { influenceEntries.removeAll() }
        let entry = try InfluenceAttributionEntry(
            model: model, adapter: adapter, storeBytes: store, contributions: corpus.contributionByContent,
            representatives: InfluenceAttributionEntry.representatives(index: index, corpus: corpus),
            engine: influenceEntries.values.first?.engine)
        influenceEntries[adapterHash] = entry
        return entry
    }

    /// Throws `blobsMissing` naming the corpus's payloads not in the blob store yet.
    private func requirePayloads(of corpus: AttributionCorpus) throws {
        let missing = corpus.missingPayloads(in: blobs)
            .map { AuditError.MissingBlob(hash: $0.contentHash, byteCountMax: $0.byteCount) }
        guard missing.isEmpty else {
            throw AuditError(.blobsMissing(missing), "\(missing.count) payloads of the adapter's datanets have not arrived")
        }
    }
}
