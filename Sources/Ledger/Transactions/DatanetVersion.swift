import Wire

/// A datanet at one of its versions, as a training result names the further datanets an
/// adapter was trained on.
public struct DatanetVersion: LedgerMessageCoding, Hashable {
    /// The datanet (field 1, required, 32 bytes).
    public var datanetID: [UInt8]
    /// The version trained on (field 2).
    public var version: UInt64

    /// The message with the given fields.
    public init(datanetID: [UInt8], version: UInt64) {
        self.datanetID = datanetID
        self.version = version
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(datanetID, field: 1)
        writer.writeVarintIfNonZero(version, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var datanetID: [UInt8]?
        var version: UInt64 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: datanetID = try field.hash32()
            case 2: version = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        self.init(datanetID: try datanetID.required(field: 1), version: version)
    }
}
