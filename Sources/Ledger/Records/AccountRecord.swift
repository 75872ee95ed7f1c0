import Wire

/// An account's spendable balance and the nonce its next transaction must carry.
struct AccountRecord: StateRecord {
    var balance: Amount = 0
    var nonce: UInt64 = 0

    init(balance: Amount = 0, nonce: UInt64 = 0) {
        self.balance = balance
        self.nonce = nonce
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeAmount(balance, field: 1)
        writer.writeVarintIfNonZero(nonce, field: 2)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            switch field.number {
            case 1: balance = try field.amount()
            case 2: nonce = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
    }
}
