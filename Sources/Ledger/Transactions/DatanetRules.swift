import Wire

/// The rules a datanet is created with. Every field may be zero on the wire; the state
/// machine checks the window and the payload limit against the governed bounds.
public struct DatanetRules: LedgerMessageCoding {
    /// Curator stake needed to vote (field 1).
    public var curatorStakeMin: UInt128
    /// Total vote weight needed to settle by vote (field 2).
    public var quorum: UInt128
    /// How long a contribution stays open to votes (field 3; > 0 when applied).
    public var voteWindowSeconds: UInt64
    /// The least bond a contribution carries (field 4).
    public var contributionBond: UInt128
    /// The largest contribution payload (field 5; > 0 when applied).
    public var payloadByteCountMax: UInt64

    /// The message with the given fields.
    public init(
        curatorStakeMin: UInt128,
        quorum: UInt128,
        voteWindowSeconds: UInt64,
        contributionBond: UInt128,
        payloadByteCountMax: UInt64
    ) {
        self.curatorStakeMin = curatorStakeMin
        self.quorum = quorum
        self.voteWindowSeconds = voteWindowSeconds
        self.contributionBond = contributionBond
        self.payloadByteCountMax = payloadByteCountMax
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeAmount(curatorStakeMin, field: 1)
        writer.writeAmount(quorum, field: 2)
        writer.writeVarintIfNonZero(voteWindowSeconds, field: 3)
        writer.writeAmount(contributionBond, field: 4)
        writer.writeVarintIfNonZero(payloadByteCountMax, field: 5)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        self.init(curatorStakeMin: 0, quorum: 0, voteWindowSeconds: 0, contributionBond: 0, payloadByteCountMax: 0)
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: curatorStakeMin = try field.amount()
            case 2: quorum = try field.amount()
            case 3: voteWindowSeconds = try field.uint64()
            case 4: contributionBond = try field.amount()
            case 5: payloadByteCountMax = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
    }
}
