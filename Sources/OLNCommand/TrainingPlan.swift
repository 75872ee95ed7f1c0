import Foundation
import Ledger
import ModelFactory
import Node
import Sodium
import Wire

/// What `oln train` trains on: the accepted contributions of one or more datanet versions,
/// read from the node's blob store (a payload accepted into several datanets once), and
/// the job folder.
struct TrainingPlan {
    /// The datanets and versions, in the order given; the first is the receipts' datanet.
    let datanets: [DatanetVersion]
    let documents: [DatanetDocument]
    let jobDirectory: String

    var datanet: [UInt8] { datanets[0].datanetID }
    var version: UInt64 { datanets[0].version }

    init(options: TrainOptions, directory: NodeDirectory, ledger: LedgerDatabase) throws {
        var datanets: [DatanetVersion] = []
        for (index, text) in options.datanetTexts.enumerated() {
            let named = try Self.datanetVersion(text, given: index == 0 ? options.version : nil, ledger: ledger,
                                                directory: directory)
            guard !datanets.contains(where: { $0.datanetID == named.datanetID }) else {
                throw UsageError("--datanet \(Base16.encode(named.datanetID)) is given twice", topic: "train")
            }
            datanets.append(named)
        }
        self.datanets = datanets
        var documents: [DatanetDocument] = []
        var seen = Set<[UInt8]>()
        for trained in datanets {
            for document in try Self.documents(of: trained, directory: directory, ledger: ledger)
            where seen.insert(document.contentHash).inserted {
                documents.append(document)
            }
        }
        self.documents = documents
        jobDirectory = options.jobDirectory
            ?? (directory.trainingPath as NSString).appendingPathComponent(Self.jobName(datanets, options: options))
    }

    /// `ID` or `ID@VERSION`: the datanet at that version, or at `given`, or at its latest.
    private static func datanetVersion(_ text: String, given: UInt64?, ledger: LedgerDatabase,
                                       directory: NodeDirectory) throws -> DatanetVersion {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.count == 1 || UInt64(parts[1]) != nil else {
            throw UsageError("--datanet takes ID or ID@VERSION, not '\(text)'", topic: "train")
        }
        let datanet = try HexArgument.identifier(String(parts[0]), option: "--datanet", topic: "train")
        guard let record = try ledger.datanet(datanet) else {
            throw CommandFailure("the ledger of \(directory.path) has no datanet \(Base16.encode(datanet))")
        }
        guard record.version >= 1 else {
            throw CommandFailure("datanet \(record.name) has no version yet: no contribution has been accepted")
        }
        let version = parts.count == 2 ? UInt64(parts[1])! : given ?? record.version
        guard (1...record.version).contains(version) else {
            throw CommandFailure("datanet \(record.name) has versions 1 to \(record.version), not \(version)")
        }
        return DatanetVersion(datanetID: datanet, version: version)
    }

    /// `<first datanet>-v<version>[-and-<hash of the others>]-<configuration>`.
    private static func jobName(_ datanets: [DatanetVersion], options: TrainOptions) -> String {
        var name = Base16.encode(datanets[0].datanetID.prefix(6)) + "-v\(datanets[0].version)-"
        if datanets.count > 1 {
            var bytes: [UInt8] = []
            for other in datanets.dropFirst() { bytes += other.datanetID + Array("\(other.version);".utf8) }
            name += "and-" + Base16.encode(BLAKE2b256.hash(bytes).prefix(6)) + "-"
        }
        return name + Base16.encode(options.configuration.identifier.prefix(6))
    }

    /// The payloads of the version's contributions, checked against their hashes.
    private static func documents(of trained: DatanetVersion, directory: NodeDirectory,
                                  ledger: LedgerDatabase) throws -> [DatanetDocument] {
        let contributions = try ledger.contributions(datanet: trained.datanetID, upToVersion: trained.version)
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
