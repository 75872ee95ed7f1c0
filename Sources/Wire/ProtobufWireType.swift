/// The wire types of the proto3 encoding. Groups (3 and 4) are not supported.
public enum ProtobufWireType: UInt8, Sendable, CustomStringConvertible {
    /// A varint: int32, int64, uint32, uint64, bool, enum.
    case varint = 0
    /// Eight little-endian bytes: fixed64, sfixed64, double.
    case fixed64 = 1
    /// A varint length and then that many bytes: bytes, string, nested messages, packed fields.
    case lengthDelimited = 2
    /// Four little-endian bytes: fixed32, sfixed32, float.
    case fixed32 = 5

    /// The wire type's name as the protobuf documentation spells it.
    public var description: String {
        switch self {
        case .varint: "VARINT"
        case .fixed64: "I64"
        case .lengthDelimited: "LEN"
        case .fixed32: "I32"
        }
    }
}
