import Wire

/// A vote on a governance proposal: `approve` for, otherwise against.
public struct GovernanceVote: LedgerMessageCoding {
    /// The proposal voted on (field 1, required, 32 bytes).
    public var proposalID: [UInt8]
    /// The vote (field 2).
    public var approve: Bool

    /// The message with the given fields.
    public init(proposalID: [UInt8], approve: Bool) {
        self.proposalID = proposalID
        self.approve = approve
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(proposalID, field: 1)
        writer.writeBoolIfTrue(approve, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var proposalID: [UInt8]?
        var approve = false
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: proposalID = try field.hash32()
            case 2: approve = try field.bool()
            default: throw .unknownField(field.number)
            }
        }
        self.init(proposalID: try proposalID.required(field: 1), approve: approve)
    }
}
