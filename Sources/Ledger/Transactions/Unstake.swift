import Wire

/// Moves `amount` of the sender's stake for `role` into unbonding; it returns to the
/// balance `unbonding_period_seconds` after the batch's slot time.
///
/// The decoder requires a role from 1 to 4; a zero amount decodes and is refused by the
/// state machine.
public struct Unstake: LedgerMessageCoding {
    /// The staking role (field 1, required).
    public var role: StakeRole
    /// Base units moved (field 2).
    public var amount: UInt128

    /// The message with the given fields.
    public init(role: StakeRole, amount: UInt128) {
        self.role = role
        self.amount = amount
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarint(UInt64(role.rawValue), field: 1)
        writer.writeAmount(amount, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var role: StakeRole?
        var amount: UInt128 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: role = try StakeRole(field: field)
            case 2: amount = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        self.init(role: try role.required(field: 1), amount: amount)
    }
}
