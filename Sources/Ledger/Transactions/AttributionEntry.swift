import Wire

/// One contribution's share of an answer, in parts per million.
///
/// A weight of 0 is the default and is not written, so an entry without field 2 decodes
/// with weight 0; the state machine refuses it (weights are > 0 and sum to 1,000,000).
public struct AttributionEntry: LedgerMessageCoding {
    /// The contribution credited (field 1, required, 32 bytes).
    public var contributionID: [UInt8]
    /// Its share in parts per million (field 2).
    public var weightPPM: UInt32

    /// The message with the given fields.
    public init(contributionID: [UInt8], weightPPM: UInt32) {
        self.contributionID = contributionID
        self.weightPPM = weightPPM
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(contributionID, field: 1)
        writer.writeVarintIfNonZero(UInt64(weightPPM), field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var contributionID: [UInt8]?
        var weightPPM: UInt32 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: contributionID = try field.hash32()
            case 2: weightPPM = try field.uint32()
            default: throw .unknownField(field.number)
            }
        }
        self.init(contributionID: try contributionID.required(field: 1), weightPPM: weightPPM)
    }
}
