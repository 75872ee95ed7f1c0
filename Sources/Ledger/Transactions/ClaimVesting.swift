import Wire

/// Moves whatever of the sender's vesting allocation has vested into its balance.
/// Allocation 0 is the default, so `ClaimVesting(allocation: 0)` is an empty message.
public struct ClaimVesting: LedgerMessageCoding {
    /// The index of the allocation in the genesis spec (field 1).
    public var allocation: UInt32

    /// The message with the given fields.
    public init(allocation: UInt32) {
        self.allocation = allocation
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(UInt64(allocation), field: 1)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var allocation: UInt32 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: allocation = try field.uint32()
            default: throw .unknownField(field.number)
            }
        }
        self.init(allocation: allocation)
    }
}
