import Wire

/// An attribution challenge against a receipt, and the validators' votes on it.
public struct ChallengeRecord: StateRecord {
    public enum Status: UInt64, Sendable {
        case open = 0, upheld = 1, dismissed = 2, lapsed = 3
    }

    /// Most validator votes one challenge takes.
    public static let votesMax = 256

    public var receiptID: [UInt8]
    public var challenger: AccountAddress
    public var correction: [AttributionEntry]
    public var bond: Amount
    public var voteEnd: UInt64
    public var status = Status.open
    public var votes: [WeightedVote] = []

    init(receiptID: [UInt8], challenger: AccountAddress, correction: [AttributionEntry], bond: Amount, voteEnd: UInt64) {
        self.receiptID = receiptID
        self.challenger = challenger
        self.correction = correction
        self.bond = bond
        self.voteEnd = voteEnd
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeBytes(receiptID, field: 1)
        writer.writeBytes(challenger.bytes, field: 2)
        for entry in correction {
            writer.writeMessage(field: 3) { entry.encode(to: &$0) }
        }
        writer.writeAmount(bond, field: 4)
        writer.writeVarintIfNonZero(voteEnd, field: 5)
        writer.writeVarintIfNonZero(status.rawValue, field: 6)
        writer.writeRecords(votes, field: 7)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var (receiptID, challenger) = ([UInt8](), AccountAddress?.none)
        var (correction, bond, voteEnd) = ([AttributionEntry](), Amount(0), UInt64(0))
        var (status, votes) = (Status.open, [WeightedVote]())
        while let field = try reader.next() {
            switch field.number {
            case 1: receiptID = try field.hash32()
            case 2: challenger = try field.accountAddress()
            case 3:
                var nested = try reader.nestedReader(for: field)
                correction.append(try AttributionEntry(from: &nested))
            case 4: bond = try field.amount()
            case 5: voteEnd = try field.uint64()
            case 6:
                guard let decoded = Status(rawValue: try field.uint64()) else { throw .valueOutOfRange("challenge status") }
                status = decoded
            case 7:
                guard votes.count < Self.votesMax else { throw .limitExceeded("challenge votes", limit: Self.votesMax) }
                votes.append(try reader.record(WeightedVote.self, in: field))
            default: throw .unknownField(field.number)
            }
        }
        guard let challenger else { throw .missingField(2) }
        self.init(receiptID: receiptID, challenger: challenger, correction: correction, bond: bond, voteEnd: voteEnd)
        self.status = status
        self.votes = votes
    }
}
