/// The raw value of one protobuf field, as its wire type carries it.
public enum ProtobufValue: Equatable, Sendable {
    /// A varint value.
    case varint(UInt64)
    /// An eight-byte little-endian value.
    case fixed64(UInt64)
    /// A length-delimited value: bytes, text, or a nested message.
    case lengthDelimited([UInt8])
    /// A four-byte little-endian value.
    case fixed32(UInt32)

    /// The wire type that carries this value.
    public var wireType: ProtobufWireType {
        switch self {
        case .varint: .varint
        case .fixed64: .fixed64
        case .lengthDelimited: .lengthDelimited
        case .fixed32: .fixed32
        }
    }
}
