import Wire

/// Disputes the attribution of an inference receipt, with a bond, by naming the
/// attribution the challenger claims is right. Validators settle it by ``ChallengeVote``.
public struct AttributionChallenge: LedgerMessageCoding {
    /// The most correction entries, as many as a receipt's attribution may have.
    public static let correctionCountMax = InferenceReceipt.attributionCountMax

    /// The receipt disputed (field 1, required, 32 bytes).
    public var receiptID: [UInt8]
    /// The attribution the challenger claims, in order (field 2, up to 64).
    public var correction: [AttributionEntry]
    /// The bond, at least `challenge_bond_min` when applied (field 3).
    public var bond: UInt128

    /// The message with the given fields.
    public init(receiptID: [UInt8], correction: [AttributionEntry], bond: UInt128) {
        self.receiptID = receiptID
        self.correction = correction
        self.bond = bond
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(receiptID, field: 1)
        for entry in correction { writer.writeMessage(entry, field: 2) }
        writer.writeAmount(bond, field: 3)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var receiptID: [UInt8]?
        var correction: [AttributionEntry] = []
        var bond: UInt128 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 2) {
            switch field.number {
            case 1: receiptID = try field.hash32()
            case 2:
                let entry = try reader.nestedMessage(AttributionEntry.self, in: field)
                try correction.append(entry, countMax: Self.correctionCountMax, what: "correction entry count")
            case 3: bond = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        self.init(receiptID: try receiptID.required(field: 1), correction: correction, bond: bond)
    }
}
