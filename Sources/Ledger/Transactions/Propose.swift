import Wire

/// Proposes to set a governed parameter to `value`.
///
/// The decoder bounds the parameter name's length; whether it names a governed parameter
/// and whether the value is within bounds is for the state machine.
public struct Propose: LedgerMessageCoding {
    /// The longest parameter name, in UTF-8 bytes. The proto states no limit; parameter
    /// names are short snake_case words.
    public static let parameterByteCountMax = 64

    /// A governed parameter's name (field 1).
    public var parameter: String
    /// The new value, written like an amount (field 2).
    public var value: UInt128

    /// The message with the given fields.
    public init(parameter: String, value: UInt128) {
        self.parameter = parameter
        self.value = value
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeStringIfNotEmpty(parameter, field: 1)
        writer.writeAmount(value, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var parameter = ""
        var value: UInt128 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: parameter = try field.string(byteCountMax: Self.parameterByteCountMax, what: "parameter name")
            case 2: value = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        self.init(parameter: parameter, value: value)
    }
}
