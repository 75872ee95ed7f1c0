import Foundation
import Ledger
import ModelFactory
import Node
import Wire

/// What `oln train` trains on: a datanet version's accepted contributions, read from the
/// node's blob store, and the job folder.
struct TrainingPlan {
    let datanet: [UInt8]
    let version: UInt64
    let documents: [DatanetDocument]
    let jobDirectory: String

    init(options: TrainOptions, directory: NodeDirectory, ledger: LedgerDatabase) throws {
        datanet = try HexArgument.identifier(options.datanetText, option: "--datanet", topic: "train")
        guard let record = try ledger.datanet(datanet) else {
            throw CommandFailure("the ledger of \(directory.path) has no datanet \(Base16.encode(datanet))")
        }
        guard record.version >= 1 else {
            throw CommandFailure("datanet \(record.name) has no version yet: no contribution has been accepted")
        }
        version = options.version ?? record.version
        guard (1...record.version).contains(version) else {
            throw CommandFailure("datanet \(record.name) has versions 1 to \(record.version), not \(version)")
        }
        documents = try Self.documents(datanet: datanet, version: version, directory: directory, ledger: ledger)
        let name = Base16.encode(datanet.prefix(6)) + "-v\(version)-"
            + Base16.encode(options.configuration.identifier.prefix(6))
        jobDirectory = options.jobDirectory ?? (directory.trainingPath as NSString).appendingPathComponent(name)
    }

    /// The payloads of the version's contributions, checked against their hashes.
    private static func documents(datanet: [UInt8], version: UInt64, directory: NodeDirectory,
                                  ledger: LedgerDatabase) throws -> [DatanetDocument] {
        let contributions = try ledger.contributions(datanet: datanet, upToVersion: version)
        let store = try BlobStore(root: directory.blobsPath)
        var documents: [DatanetDocument] = []
        var missing: [String] = []
        for (_, contribution) in contributions {
            guard let payload = try store.get(contribution.contentHash) else {
                missing.append(Base16.encode(contribution.contentHash))
                continue
            }
            documents.append(DatanetDocument(contentHash: contribution.contentHash, payload: payload))
        }
        guard missing.isEmpty else {
            throw CommandFailure("\(missing.count) of \(contributions.count) payloads are not in \(directory.blobsPath) "
                                 + "(first: \(missing[0])); a node with the curator or host role fetches them from peers")
        }
        return documents
    }
}
