import Wire

/// Tokens held by no account: the protocol treasury and what was burned.
struct SystemTotalsRecord: StateRecord {
    var treasury: Amount = 0
    var burned: Amount = 0

    init(treasury: Amount = 0, burned: Amount = 0) {
        self.treasury = treasury
        self.burned = burned
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeAmount(treasury, field: 1)
        writer.writeAmount(burned, field: 2)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            switch field.number {
            case 1: treasury = try field.amount()
            case 2: burned = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
    }
}
