import Wire

/// Contributes a payload to a datanet. The payload travels beside the transaction; the
/// transaction carries its hash, size and bond.
public struct Contribute: LedgerMessageCoding {
    /// The longest metadata, in UTF-8 bytes.
    public static let metadataByteCountMax = 4096
    /// The longest licence, in UTF-8 bytes.
    public static let licenceByteCountMax = 128

    /// The datanet (field 1, required, 32 bytes).
    public var datanetID: [UInt8]
    /// BLAKE2b-256 of the payload (field 2, required, 32 bytes).
    public var contentHash: [UInt8]
    /// The payload's size (field 3), checked against the datanet's rules when applied.
    public var byteCount: UInt64
    /// Free-form metadata (field 4, up to 4096 bytes).
    public var metadata: String
    /// The payload's licence, such as an SPDX identifier (field 5, up to 128 bytes).
    public var licence: String
    /// The bond, at least the datanet's contribution bond when applied (field 6).
    public var bond: UInt128

    /// The message with the given fields.
    public init(datanetID: [UInt8], contentHash: [UInt8], byteCount: UInt64, metadata: String, licence: String, bond: UInt128) {
        self.datanetID = datanetID
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.metadata = metadata
        self.licence = licence
        self.bond = bond
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(datanetID, field: 1)
        writer.writeBytesIfNotEmpty(contentHash, field: 2)
        writer.writeVarintIfNonZero(byteCount, field: 3)
        writer.writeStringIfNotEmpty(metadata, field: 4)
        writer.writeStringIfNotEmpty(licence, field: 5)
        writer.writeAmount(bond, field: 6)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var datanetID: [UInt8]?
        var contentHash: [UInt8]?
        self.init(datanetID: [], contentHash: [], byteCount: 0, metadata: "", licence: "", bond: 0)
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: datanetID = try field.hash32()
            case 2: contentHash = try field.hash32()
            case 3: byteCount = try field.uint64()
            case 4: metadata = try field.string(byteCountMax: Self.metadataByteCountMax, what: "contribution metadata")
            case 5: licence = try field.string(byteCountMax: Self.licenceByteCountMax, what: "contribution licence")
            case 6: bond = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        self.datanetID = try datanetID.required(field: 1)
        self.contentHash = try contentHash.required(field: 2)
    }
}
