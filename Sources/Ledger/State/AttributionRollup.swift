/// An attribution rolled up per datanet: for a model that draws on several datanets, how
/// much of an answer's credit went to each. The entries' weights sum to 1,000,000, so each
/// datanet's share is an exact integer sum and the shares sum to 1,000,000 too.
public struct AttributionRollup: Sendable, Equatable {
    /// One datanet's share.
    public struct Share: Sendable, Equatable {
        public var datanetID: [UInt8]
        public var weightPPM: UInt32

        public init(datanetID: [UInt8], weightPPM: UInt32) {
            self.datanetID = datanetID
            self.weightPPM = weightPPM
        }
    }

    /// The shares, largest first (ties by datanet id, ascending).
    public let shares: [Share]

    /// Sums `entries` by the datanet `datanetOf` names for each contribution. Throws what
    /// `datanetOf` throws; a contribution it does not know (nil) is a `LedgerError`.
    public init(_ entries: [AttributionEntry], datanetOf: ([UInt8]) throws -> [UInt8]?) throws {
        var totals: [[UInt8]: UInt64] = [:]
        for entry in entries {
            guard let datanet = try datanetOf(entry.contributionID) else {
                throw LedgerError.corruptState("an attributed contribution is not in the ledger")
            }
            totals[datanet, default: 0] += UInt64(entry.weightPPM)
        }
        shares = totals.map { Share(datanetID: $0.key, weightPPM: UInt32(clamping: $0.value)) }.sorted {
            $0.weightPPM != $1.weightPPM ? $0.weightPPM > $1.weightPPM : $0.datanetID.lexicographicallyPrecedes($1.datanetID)
        }
    }
}
