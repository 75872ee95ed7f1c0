import Wire

/// A contribution to a datanet, its bond and its curation.
public struct ContributionRecord: StateRecord {
    public enum Status: UInt64, Sendable, CaseIterable {
        case pending = 0, accepted = 1, rejected = 2, lapsed = 3

        public var name: String {
            switch self {
            case .pending: "pending"
            case .accepted: "accepted"
            case .rejected: "rejected"
            case .lapsed: "lapsed"
            }
        }
    }

    /// Most curation votes one contribution takes.
    public static let votesMax = 256

    public var datanetID: [UInt8]
    public var contributor: AccountAddress
    public var contentHash: [UInt8]
    public var byteCount: UInt64
    public var metadata: String
    public var licence: String
    public var bond: Amount
    public var windowEnd: UInt64
    public var status = Status.pending
    public var votes: [WeightedVote] = []
    /// The datanet version the contribution joined (accepted ones only).
    public var version: UInt64 = 0

    init(contributor: AccountAddress, contribution: Contribute, windowEnd: UInt64) {
        datanetID = contribution.datanetID
        self.contributor = contributor
        contentHash = contribution.contentHash
        byteCount = contribution.byteCount
        metadata = contribution.metadata
        licence = contribution.licence
        bond = contribution.bond
        self.windowEnd = windowEnd
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeBytes(datanetID, field: 1)
        writer.writeBytes(contributor.bytes, field: 2)
        writer.writeBytes(contentHash, field: 3)
        writer.writeVarintIfNonZero(byteCount, field: 4)
        writer.writeStringIfNotEmpty(metadata, field: 5)
        writer.writeStringIfNotEmpty(licence, field: 6)
        writer.writeAmount(bond, field: 7)
        writer.writeVarintIfNonZero(windowEnd, field: 8)
        writer.writeVarintIfNonZero(status.rawValue, field: 9)
        writer.writeRecords(votes, field: 10)
        writer.writeVarintIfNonZero(version, field: 11)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var contributor: AccountAddress?
        var contribution = Contribute(datanetID: [], contentHash: [], byteCount: 0, metadata: "", licence: "", bond: 0)
        var (windowEnd, status, version) = (UInt64(0), Status.pending, UInt64(0))
        var votes: [WeightedVote] = []
        while let field = try reader.next() {
            switch field.number {
            case 1: contribution.datanetID = try field.hash32()
            case 2: contributor = try field.accountAddress()
            case 3: contribution.contentHash = try field.hash32()
            case 4: contribution.byteCount = try field.uint64()
            case 5: contribution.metadata = try field.string()
            case 6: contribution.licence = try field.string()
            case 7: contribution.bond = try field.amount()
            case 8: windowEnd = try field.uint64()
            case 9:
                guard let decoded = Status(rawValue: try field.uint64()) else { throw .valueOutOfRange("contribution status") }
                status = decoded
            case 10:
                guard votes.count < Self.votesMax else { throw .limitExceeded("curation votes", limit: Self.votesMax) }
                votes.append(try reader.record(WeightedVote.self, in: field))
            case 11: version = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        guard let contributor else { throw .missingField(2) }
        self.init(contributor: contributor, contribution: contribution, windowEnd: windowEnd)
        self.status = status
        self.votes = votes
        self.version = version
    }
}
