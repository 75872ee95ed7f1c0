import Wire

/// One stake-weighted vote: on a proposal, a contribution or a challenge.
public struct WeightedVote: StateRecord {
    public var voter: AccountAddress
    public var inFavour: Bool
    public var weight: Amount

    init(voter: AccountAddress, inFavour: Bool, weight: Amount) {
        self.voter = voter
        self.inFavour = inFavour
        self.weight = weight
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeBytes(voter.bytes, field: 1)
        writer.writeBoolIfTrue(inFavour, field: 2)
        writer.writeAmount(weight, field: 3)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var voter: AccountAddress?
        var inFavour = false
        var weight: Amount = 0
        while let field = try reader.next() {
            switch field.number {
            case 1: voter = try field.accountAddress()
            case 2: inFavour = try field.bool()
            case 3: weight = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        guard let voter else { throw .missingField(1) }
        self.init(voter: voter, inFavour: inFavour, weight: weight)
    }
}

extension ProtobufWriter {
    mutating func writeRecords(_ records: [some StateRecord], field: Int) {
        for record in records {
            writeMessage(field: field) { record.encode(to: &$0) }
        }
    }

    mutating func writeRecord(_ record: some StateRecord, field: Int) {
        writeMessage(field: field) { record.encode(to: &$0) }
    }
}

extension ProtobufReader {
    func record<Record: StateRecord>(_ type: Record.Type, in field: ProtobufField) throws(WireError) -> Record {
        var nested = try nestedReader(for: field)
        return try Record(from: &nested)
    }
}
