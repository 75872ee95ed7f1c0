import Wire

/// A named signed integer, such as a training metric in millionths (loss 1.25 is 1250000).
public struct NamedInteger: LedgerMessageCoding {
    /// The longest name, in UTF-8 bytes. The proto states no limit.
    public static let nameByteCountMax = 64

    /// The name (field 1).
    public var name: String
    /// The value (field 2, `int64`: a negative value takes ten varint bytes).
    public var value: Int64

    /// The message with the given fields.
    public init(name: String, value: Int64) {
        self.name = name
        self.value = value
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeStringIfNotEmpty(name, field: 1)
        if value != 0 { writer.writeInt64(value, field: 2) }
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        self.init(name: "", value: 0)
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: name = try field.string(byteCountMax: Self.nameByteCountMax, what: "named integer's name")
            case 2: value = try field.int64()
            default: throw .unknownField(field.number)
            }
        }
    }
}
