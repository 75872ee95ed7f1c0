import Wire

/// Registers a base model that adapters are trained on, by the hash of its file.
public struct RegisterBaseModel: LedgerMessageCoding {
    /// The longest name, in UTF-8 bytes; a name has at least one byte.
    public static let nameByteCountMax = 128
    /// The file formats a base model may have.
    public static let formats: Set<String> = ["gguf", "safetensors"]
    /// The longest format text read before it is compared with ``formats``.
    static let formatByteCountMax = 16

    /// BLAKE2b-256 of the model file (field 1, required, 32 bytes).
    public var modelHash: [UInt8]
    /// The model's name (field 2, 1 to 128 bytes).
    public var name: String
    /// The file format, one of ``formats`` (field 3, required).
    public var format: String

    /// The message with the given fields.
    public init(modelHash: [UInt8], name: String, format: String) {
        self.modelHash = modelHash
        self.name = name
        self.format = format
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(modelHash, field: 1)
        writer.writeStringIfNotEmpty(name, field: 2)
        writer.writeStringIfNotEmpty(format, field: 3)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var modelHash: [UInt8]?
        var name: String?
        var format: String?
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: modelHash = try field.hash32()
            case 2: name = try field.string(byteCountMax: Self.nameByteCountMax, what: "base model name")
            case 3: format = try Self.format(in: field)
            default: throw .unknownField(field.number)
            }
        }
        self.init(modelHash: try modelHash.required(field: 1), name: try name.required(field: 2), format: try format.required(field: 3))
    }

    private static func format(in field: ProtobufField) throws(WireError) -> String {
        let format = try field.string(byteCountMax: formatByteCountMax, what: "base model format")
        guard formats.contains(format) else {
            throw .valueOutOfRange("base model format \"\(format)\" is not gguf or safetensors")
        }
        return format
    }
}
