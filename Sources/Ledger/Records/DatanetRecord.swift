import Wire

/// A datanet: its description, rules, and the versions its accepted contributions form.
///
/// `acceptedBranch` and `acceptedCount` are the frontier of an append-only Merkle tree
/// over the accepted content hashes (``AppendOnlyMerkleTree``); `versionRoot` is its root
/// when `version` was cut.
public struct DatanetRecord: StateRecord {
    public var owner: AccountAddress
    public var name: String
    public var summary: String
    public var tags: [String]
    public var rules: DatanetRules
    public var version: UInt64 = 0
    public var versionRoot: [UInt8] = []
    public var accepted = AppendOnlyMerkleTree()
    public var createdTime: UInt64

    init(owner: AccountAddress, creation: CreateDatanet, createdTime: UInt64) {
        self.owner = owner
        name = creation.name
        summary = creation.summary
        tags = creation.tags
        rules = creation.rules
        self.createdTime = createdTime
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeBytes(owner.bytes, field: 1)
        writer.writeStringIfNotEmpty(name, field: 2)
        writer.writeStringIfNotEmpty(summary, field: 3)
        for tag in tags { writer.writeString(tag, field: 4) }
        writer.writeMessage(field: 5) { rules.encode(to: &$0) }
        writer.writeVarintIfNonZero(version, field: 6)
        writer.writeBytesIfNotEmpty(versionRoot, field: 7)
        writer.writeRecord(accepted, field: 8)
        writer.writeVarintIfNonZero(createdTime, field: 9)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var owner: AccountAddress?
        var rules: DatanetRules?
        var creation = (name: "", summary: "", tags: [String]())
        var rest = (version: UInt64(0), root: [UInt8](), accepted: AppendOnlyMerkleTree(), created: UInt64(0))
        while let field = try reader.next() {
            switch field.number {
            case 1: owner = try field.accountAddress()
            case 2: creation.name = try field.string()
            case 3: creation.summary = try field.string()
            case 4: creation.tags.append(try field.string())
            case 5:
                var nested = try reader.nestedReader(for: field)
                rules = try DatanetRules(from: &nested)
            case 6: rest.version = try field.uint64()
            case 7: rest.root = try field.hash32()
            case 8: rest.accepted = try reader.record(AppendOnlyMerkleTree.self, in: field)
            case 9: rest.created = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        guard let owner else { throw .missingField(1) }
        guard let rules else { throw .missingField(5) }
        self.owner = owner
        (name, summary, tags, self.rules) = (creation.name, creation.summary, creation.tags, rules)
        (version, versionRoot, accepted, createdTime) = rest
    }
}
