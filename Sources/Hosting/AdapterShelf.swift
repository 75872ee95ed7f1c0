import Foundation
import InferenceAPI
import Ledger
import Node
import OpenLoRA
import Wire

/// The adapters this host serves: those TrainingResults published for its base model whose
/// bundles its blob store holds (the host role fetches them), unpacked into
/// DIR/adapters/<hash>/ and registered under their hash in hexadecimal, the name clients put
/// in `model`. Thread-safe.
final class AdapterShelf: @unchecked Sendable {
    /// One adapter served, and the datanet versions it was trained on.
    struct Served: Sendable {
        let hash: [UInt8]
        let name: String
        /// The first datanet (the one receipts name) and its version.
        let datanetID: [UInt8]
        let datanetVersion: UInt64
        /// Every datanet version it was trained on, the first first.
        let datanets: [DatanetVersion]
        /// The unpacked PEFT folder.
        let folder: String
        /// The training job's gradient store in the blob stores, when its TrainingResult names one.
        let gradientStoreBlob: [UInt8]?
    }

    let registry: AdapterRegistry
    private let base: LlamaConfiguration
    private let baseHash: [UInt8]
    private let directory: NodeDirectory
    private let blobs: BlobStore
    private let lock = NSLock()
    private var servedByName: [String: Served] = [:]

    init(registry: AdapterRegistry, base: LlamaConfiguration, baseHash: [UInt8], directory: NodeDirectory, blobs: BlobStore) {
        self.registry = registry
        self.base = base
        self.baseHash = baseHash
        self.directory = directory
        self.blobs = blobs
    }

    /// The adapter served under `name`.
    func served(named name: String) -> Served? {
        lock.lock()
        defer { lock.unlock() }
        return servedByName[name]
    }

    /// Every adapter served, by name.
    var all: [Served] {
        lock.lock()
        defer { lock.unlock() }
        return servedByName.values.sorted { $0.name < $1.name }
    }

    /// Registers the ledger's adapters for this base whose bundles have arrived; returns the
    /// new ones and, for each that could not be served, why.
    func refresh(ledger: LedgerDatabase) -> (added: [Served], failures: [(hash: [UInt8], reason: String)]) {
        var added: [Served] = []
        var failures: [(hash: [UInt8], reason: String)] = []
        guard let adapters = try? ledger.adapters(limit: LedgerDatabase.listingCountMax) else { return ([], []) }
        for (hash, record) in adapters where record.result.baseModelHash == baseHash {
            let name = Base16.encode(hash)
            guard served(named: name) == nil, blobs.contains(hash) else { continue }
            do {
                let folder = try register(hash, name: name)
                let entry = Served(hash: hash, name: name, datanetID: record.result.datanetID,
                                   datanetVersion: record.result.datanetVersion, datanets: record.result.datanets,
                                   folder: folder,
                                   gradientStoreBlob: record.result.gradientStoreBlob)
                lock.lock()
                servedByName[name] = entry
                lock.unlock()
                added.append(entry)
            } catch {
                failures.append((hash, "\(error)"))
            }
        }
        return (added, failures)
    }

    private func register(_ hash: [UInt8], name: String) throws -> String {
        guard let bundle = try blobs.get(hash) else { throw HostingError("the bundle left the blob store") }
        let folder = (directory.adaptersPath as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: directory.adaptersPath, withIntermediateDirectories: true)
        try LoRAAdapter.unpackBundle(bundle, toDirectory: folder)
        _ = try LoRAAdapter(directory: folder, base: base)  // refuse it now, not at the first request
        try registry.register(name, directory: folder, base: base)
        return folder
    }
}
