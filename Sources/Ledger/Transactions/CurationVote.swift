import Wire

/// A curator's vote on a contribution to a datanet: `accept` to include it.
public struct CurationVote: LedgerMessageCoding {
    /// The contribution voted on (field 1, required, 32 bytes).
    public var contributionID: [UInt8]
    /// The vote (field 2).
    public var accept: Bool

    /// The message with the given fields.
    public init(contributionID: [UInt8], accept: Bool) {
        self.contributionID = contributionID
        self.accept = accept
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(contributionID, field: 1)
        writer.writeBoolIfTrue(accept, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var contributionID: [UInt8]?
        var accept = false
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: contributionID = try field.hash32()
            case 2: accept = try field.bool()
            default: throw .unknownField(field.number)
            }
        }
        self.init(contributionID: try contributionID.required(field: 1), accept: accept)
    }
}
