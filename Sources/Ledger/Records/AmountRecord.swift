import Wire

/// A single amount: a stake, an unbonding entry, a contributor's total payouts.
struct AmountRecord: StateRecord {
    var amount: Amount = 0

    init(amount: Amount) {
        self.amount = amount
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeAmount(amount, field: 1)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            guard field.number == 1 else { throw .unknownField(field.number) }
            amount = try field.amount()
        }
    }
}
