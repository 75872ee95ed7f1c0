import Ledger
import Wire

extension ConsensusEpoch {
    /// The record's canonical bytes, for storage beside the ledger.
    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(number, field: 1)
        writer.writeVarintIfNonZero(firstHeight, field: 2)
        writer.writeVarintIfNonZero(heightCount, field: 3)
        for member in validators.members {
            var nested = ProtobufWriter()
            nested.writeAccountAddress(member.address, field: 1)
            nested.writeAmount(member.stake, field: 2)
            writer.writeMessage(nested, field: 4)
        }
        for member in sequencers {
            var nested = ProtobufWriter()
            nested.writeAccountAddress(member.address, field: 1)
            nested.writeVarintIfNonZero(UInt64(member.power), field: 2)
            writer.writeMessage(nested, field: 5)
        }
        return writer.bytes
    }

    /// A stored record; refuses anything but the canonical encoding of a valid epoch.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> ConsensusEpoch {
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = recordByteCountMax
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        var number: UInt64 = 0
        var firstHeight: UInt64 = 0
        var heightCount: UInt64 = 0
        var validators: [(address: AccountAddress, stake: Amount)] = []
        var sequencers: [LeaderSchedule.Member] = []
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 4, 5) {
            switch field.number {
            case 1: number = try field.uint64()
            case 2: firstHeight = try field.uint64()
            case 3: heightCount = try field.uint64()
            case 4:
                guard validators.count < ValidatorSet.memberCountMax else {
                    throw .limitExceeded("epoch validators", limit: ValidatorSet.memberCountMax)
                }
                var nested = try reader.nestedReader(for: field)
                validators.append(try validator(from: &nested))
            case 5:
                guard sequencers.count < LeaderSchedule.memberCountMax else {
                    throw .limitExceeded("epoch sequencers", limit: LeaderSchedule.memberCountMax)
                }
                var nested = try reader.nestedReader(for: field)
                sequencers.append(try sequencer(from: &nested))
            default: throw .unknownField(field.number)
            }
        }
        try checkShape(number: number, firstHeight: firstHeight, heightCount: heightCount,
                       validators: validators.map(\.address), sequencers: sequencers.map(\.address))
        var total: Amount = 0
        for member in validators {
            let (sum, overflow) = total.addingReportingOverflow(member.stake)
            guard !overflow else { throw .valueOutOfRange("the validators' stakes add up to more than 128 bits") }
            total = sum
        }
        let epoch = ConsensusEpoch(number: number, firstHeight: firstHeight, heightCount: heightCount,
                                   validators: ValidatorSet(members: validators), sequencers: sequencers)
        guard epoch.encoded == bytes else { throw .nonCanonical("the epoch record does not re-encode to the same bytes") }
        return epoch
    }

    /// What the initializer requires, as typed errors; members in strictly increasing
    /// address order (so none twice).
    private static func checkShape(number: UInt64, firstHeight: UInt64, heightCount: UInt64,
                                   validators: [AccountAddress], sequencers: [AccountAddress]) throws(WireError) {
        guard number < firstHeight, heightCount >= 1,
              !(firstHeight - 1).addingReportingOverflow(heightCount).overflow else {
            throw .valueOutOfRange("an epoch record's heights are out of range")
        }
        guard !validators.isEmpty, !sequencers.isEmpty else { throw .missingField(validators.isEmpty ? 4 : 5) }
        for list in [validators, sequencers] where zip(list, list.dropFirst()).contains(where: { !($0 < $1) }) {
            throw .nonCanonical("epoch members are not in strictly increasing address order")
        }
    }

    private static func validator(from reader: inout ProtobufReader) throws(WireError) -> (address: AccountAddress, stake: Amount) {
        var address: AccountAddress?
        var stake: Amount = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: address = try field.accountAddress()
            case 2: stake = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        guard stake > 0 else { throw .missingField(2) }
        return (try address.required(field: 1), stake)
    }

    private static func sequencer(from reader: inout ProtobufReader) throws(WireError) -> LeaderSchedule.Member {
        var address: AccountAddress?
        var power: UInt64 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: address = try field.accountAddress()
            case 2: power = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        guard power >= 1, power <= UInt64(LeaderSchedule.powerMax) else {
            throw .valueOutOfRange("a sequencer's power is 1 to \(LeaderSchedule.powerMax)")
        }
        return LeaderSchedule.Member(address: try address.required(field: 1), power: Int64(power))
    }
}
