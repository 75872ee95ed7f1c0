import Ledger
import Node

/// What an adapter's attribution draws on: the accepted contributions of every datanet
/// version its TrainingResult names, the first datanet's first, each datanet's in acceptance
/// order. Hosts and auditors build span indexes and influence content maps from it alike, so
/// that they attribute over the same documents.
public struct AttributionCorpus: Sendable {
    /// The datanet versions, in the training result's order.
    public let datanets: [DatanetVersion]
    /// The contributions, in corpus order.
    public let contributions: [(id: [UInt8], record: ContributionRecord)]

    /// The corpus of `datanets` as `ledger` records them.
    public init(datanets: [DatanetVersion], ledger: LedgerDatabase) throws {
        precondition(!datanets.isEmpty, "a corpus draws on at least one datanet")
        self.datanets = datanets
        contributions = try datanets.flatMap { try ledger.contributions(datanet: $0.datanetID, upToVersion: $0.version) }
    }

    /// A corpus of the given contributions, in corpus order.
    public init(datanets: [DatanetVersion], contributions: [(id: [UInt8], record: ContributionRecord)]) {
        self.datanets = datanets
        self.contributions = contributions
    }

    /// Each payload's content hash to the first contribution, in corpus order, that carried it.
    public var contributionByContent: [[UInt8]: [UInt8]] {
        var map: [[UInt8]: [UInt8]] = [:]
        for (id, record) in contributions where map[record.contentHash] == nil {
            map[record.contentHash] = id
        }
        return map
    }

    /// The contributions whose payloads `blobs` does not hold yet.
    public func missingPayloads(in blobs: BlobStore) -> [ContributionRecord] {
        contributions.map(\.record).filter { !blobs.contains($0.contentHash) }
    }
}
