import Wire

/// A governance proposal and its tally.
public struct ProposalRecord: StateRecord {
    public enum Status: UInt64, Sendable {
        case open = 0, passed = 1, rejected = 2, enacted = 3, lapsed = 4
    }

    public var proposer: AccountAddress?
    public var parameter = ""
    public var value: Amount = 0
    public var votingEnd: UInt64 = 0
    public var approveWeight: Amount = 0
    public var rejectWeight: Amount = 0
    public var status = Status.open
    public var effectiveTime: UInt64 = 0

    init(proposer: AccountAddress, parameter: String, value: Amount, votingEnd: UInt64) {
        self.proposer = proposer
        self.parameter = parameter
        self.value = value
        self.votingEnd = votingEnd
    }

    func encode(to writer: inout ProtobufWriter) {
        if let proposer { writer.writeBytes(proposer.bytes, field: 1) }
        writer.writeStringIfNotEmpty(parameter, field: 2)
        writer.writeAmount(value, field: 3)
        writer.writeVarintIfNonZero(votingEnd, field: 4)
        writer.writeAmount(approveWeight, field: 5)
        writer.writeAmount(rejectWeight, field: 6)
        writer.writeVarintIfNonZero(status.rawValue, field: 7)
        writer.writeVarintIfNonZero(effectiveTime, field: 8)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            switch field.number {
            case 1: proposer = try field.accountAddress()
            case 2: parameter = try field.string()
            case 3: value = try field.amount()
            case 4: votingEnd = try field.uint64()
            case 5: approveWeight = try field.amount()
            case 6: rejectWeight = try field.amount()
            case 7:
                guard let decoded = Status(rawValue: try field.uint64()) else { throw .valueOutOfRange("proposal status") }
                status = decoded
            case 8: effectiveTime = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
    }
}
