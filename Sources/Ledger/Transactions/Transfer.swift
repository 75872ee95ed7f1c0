import Identity
import Wire

/// Moves `amount` from the sender's balance to the account `to`.
///
/// The decoder requires `to`; a zero amount decodes and is refused by the state machine.
public struct Transfer: LedgerMessageCoding {
    /// The receiving account (field 1, required).
    public var to: AccountAddress
    /// Base units moved (field 2).
    public var amount: UInt128

    /// The message with the given fields.
    public init(to: AccountAddress, amount: UInt128) {
        self.to = to
        self.amount = amount
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeAccountAddress(to, field: 1)
        writer.writeAmount(amount, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var to: AccountAddress?
        var amount: UInt128 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: to = try field.accountAddress()
            case 2: amount = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        self.init(to: try to.required(field: 1), amount: amount)
    }
}
