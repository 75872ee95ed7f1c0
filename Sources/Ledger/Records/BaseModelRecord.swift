import Wire

/// A registered base model.
public struct BaseModelRecord: StateRecord {
    public var name: String
    public var format: String
    public var registrant: AccountAddress
    public var registeredTime: UInt64

    init(name: String, format: String, registrant: AccountAddress, registeredTime: UInt64) {
        self.name = name
        self.format = format
        self.registrant = registrant
        self.registeredTime = registeredTime
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeStringIfNotEmpty(name, field: 1)
        writer.writeStringIfNotEmpty(format, field: 2)
        writer.writeBytes(registrant.bytes, field: 3)
        writer.writeVarintIfNonZero(registeredTime, field: 4)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var values = (name: "", format: "", registrant: AccountAddress?.none, time: UInt64(0))
        while let field = try reader.next() {
            switch field.number {
            case 1: values.name = try field.string()
            case 2: values.format = try field.string()
            case 3: values.registrant = try field.accountAddress()
            case 4: values.time = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        guard let registrant = values.registrant else { throw .missingField(3) }
        self.init(name: values.name, format: values.format, registrant: registrant, registeredTime: values.time)
    }
}
