import Wire

/// Creates a datanet: a curated collection of contributions with its own rules.
///
/// `rules` is required and always written, even when all of its fields are zero (then as
/// an empty nested message, `22 00`), so that a reader can tell a datanet with default
/// rules from a message that forgot them; the decoder refuses a message without field 4.
public struct CreateDatanet: LedgerMessageCoding {
    /// The longest name, in UTF-8 bytes; a name has at least one byte.
    public static let nameByteCountMax = 64
    /// The longest summary, in UTF-8 bytes.
    public static let summaryByteCountMax = 1024
    /// The most tags.
    public static let tagCountMax = 16
    /// The longest tag, in UTF-8 bytes; a tag has at least one byte.
    public static let tagByteCountMax = 32

    /// The datanet's name (field 1, 1 to 64 bytes).
    public var name: String
    /// What the datanet collects (field 2, up to 1024 bytes).
    public var summary: String
    /// Search tags (field 3, up to 16 of 1 to 32 bytes).
    public var tags: [String]
    /// The datanet's rules (field 4, required).
    public var rules: DatanetRules

    /// The message with the given fields.
    public init(name: String, summary: String, tags: [String], rules: DatanetRules) {
        self.name = name
        self.summary = summary
        self.tags = tags
        self.rules = rules
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeStringIfNotEmpty(name, field: 1)
        writer.writeStringIfNotEmpty(summary, field: 2)
        for tag in tags { writer.writeString(tag, field: 3) }
        writer.writeMessage(rules, field: 4)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var name: String?
        var summary = ""
        var tags: [String] = []
        var rules: DatanetRules?
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 3) {
            switch field.number {
            case 1: name = try field.string(byteCountMax: Self.nameByteCountMax, what: "datanet name")
            case 2: summary = try field.string(byteCountMax: Self.summaryByteCountMax, what: "datanet summary")
            case 3: try tags.append(Self.tag(in: field), countMax: Self.tagCountMax, what: "datanet tag count")
            case 4: rules = try reader.nestedMessage(DatanetRules.self, in: field)
            default: throw .unknownField(field.number)
            }
        }
        self.init(name: try name.required(field: 1), summary: summary, tags: tags, rules: try rules.required(field: 4))
    }

    private static func tag(in field: ProtobufField) throws(WireError) -> String {
        let tag = try field.string(byteCountMax: tagByteCountMax, what: "datanet tag")
        guard !tag.isEmpty else { throw .valueOutOfRange("a datanet tag has at least one byte") }
        return tag
    }
}
