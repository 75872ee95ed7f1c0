import Wire

/// A named text value, such as a training hyperparameter (`optimizer` = `adamw`).
public struct NamedText: LedgerMessageCoding {
    /// The longest name, in UTF-8 bytes. The proto states no limit.
    public static let nameByteCountMax = 64
    /// The longest value, in UTF-8 bytes. The proto states no limit.
    public static let valueByteCountMax = 256

    /// The name (field 1).
    public var name: String
    /// The value (field 2).
    public var value: String

    /// The message with the given fields.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeStringIfNotEmpty(name, field: 1)
        writer.writeStringIfNotEmpty(value, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        self.init(name: "", value: "")
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: name = try field.string(byteCountMax: Self.nameByteCountMax, what: "named text's name")
            case 2: value = try field.string(byteCountMax: Self.valueByteCountMax, what: "named text's value")
            default: throw .unknownField(field.number)
            }
        }
    }
}
