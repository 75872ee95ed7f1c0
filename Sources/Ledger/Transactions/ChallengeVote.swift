import Wire

/// A validator's vote on an attribution challenge within the challenge window:
/// `uphold` means the challenger is right.
public struct ChallengeVote: LedgerMessageCoding {
    /// The attribution challenge voted on (field 1, required, 32 bytes).
    public var challengeID: [UInt8]
    /// The vote (field 2).
    public var uphold: Bool

    /// The message with the given fields.
    public init(challengeID: [UInt8], uphold: Bool) {
        self.challengeID = challengeID
        self.uphold = uphold
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(challengeID, field: 1)
        writer.writeBoolIfTrue(uphold, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var challengeID: [UInt8]?
        var uphold = false
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: challengeID = try field.hash32()
            case 2: uphold = try field.bool()
            default: throw .unknownField(field.number)
            }
        }
        self.init(challengeID: try challengeID.required(field: 1), uphold: uphold)
    }
}
