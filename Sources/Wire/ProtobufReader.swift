/// Reads the fields of one protobuf message in wire order.
///
/// Unknown fields are returned like any other; a caller skips them with a
/// `default:` branch. Varints must be minimal in both strictness modes.
///
/// ```swift
/// var reader = try ProtobufReader(bytes, strictness: .canonical)
/// while let field = try reader.next() {
///     switch field.number {
///     case 1: name = try field.string()
///     default: break
///     }
/// }
/// ```
public struct ProtobufReader: Sendable {
    /// The largest valid field number, 2^29 − 1.
    public static let fieldNumberMax = (1 << 29) - 1

    /// The bounds this reader enforces; nested readers inherit them.
    public let limits: ProtobufLimits
    /// The field-order rule this reader enforces; nested readers inherit it.
    public let strictness: ProtobufStrictness
    /// How many messages enclose this one (0 for a top-level reader).
    public let depth: Int
    private var reader: ByteReader
    private var fieldCount = 0
    private var previousFieldNumber = 0

    /// A reader over a whole top-level message.
    ///
    /// - Throws: ``WireError/limitExceeded(_:limit:)`` if `bytes` exceeds `limits.messageByteCountMax`.
    public init(
        _ bytes: [UInt8],
        limits: ProtobufLimits = .standard,
        strictness: ProtobufStrictness = .lenient
    ) throws(WireError) {
        try self.init(bytes, limits: limits, strictness: strictness, depth: 0)
    }

    private init(
        _ bytes: [UInt8],
        limits: ProtobufLimits,
        strictness: ProtobufStrictness,
        depth: Int
    ) throws(WireError) {
        guard bytes.count <= limits.messageByteCountMax else {
            throw .limitExceeded("protobuf message byte count", limit: limits.messageByteCountMax)
        }
        self.reader = ByteReader(bytes)
        self.limits = limits
        self.strictness = strictness
        self.depth = depth
    }

    /// Whether every field has been read.
    public var isAtEnd: Bool { reader.isAtEnd }

    /// The next field, or `nil` at the end of the message.
    public mutating func next() throws(WireError) -> ProtobufField? {
        guard !reader.isAtEnd else { return nil }
        fieldCount += 1
        guard fieldCount <= limits.fieldCountMax else {
            throw .limitExceeded("protobuf field count", limit: limits.fieldCountMax)
        }
        let (number, wireType) = try readKey()
        try checkOrder(of: number)
        return ProtobufField(number: number, value: try readValue(of: wireType))
    }

    /// A reader over the message held in `field`, one level deeper than this one,
    /// with the same limits and strictness.
    ///
    /// - Throws: ``WireError/wireTypeMismatch(field:expected:actual:)`` unless the field is
    ///   length-delimited, ``WireError/nestingTooDeep(limit:)`` past `limits.nestingDepthMax`.
    public func nestedReader(for field: ProtobufField) throws(WireError) -> ProtobufReader {
        let bytes = try field.bytes()
        guard depth < limits.nestingDepthMax else { throw .nestingTooDeep(limit: limits.nestingDepthMax) }
        return try ProtobufReader(bytes, limits: limits, strictness: strictness, depth: depth + 1)
    }

    private mutating func readKey() throws(WireError) -> (number: Int, wireType: ProtobufWireType) {
        let key = try reader.readVarint()
        let number = key >> 3
        guard number >= 1 && number <= UInt64(Self.fieldNumberMax) else { throw .invalidFieldNumber(number) }
        let rawWireType = UInt8(key & 0x7)
        guard let wireType = ProtobufWireType(rawValue: rawWireType) else { throw .invalidWireType(rawWireType) }
        return (Int(number), wireType)
    }

    private mutating func checkOrder(of number: Int) throws(WireError) {
        if strictness == .canonical && number < previousFieldNumber {
            throw .fieldsOutOfOrder(previous: previousFieldNumber, next: number)
        }
        previousFieldNumber = number
    }

    private mutating func readValue(of wireType: ProtobufWireType) throws(WireError) -> ProtobufValue {
        switch wireType {
        case .varint: .varint(try reader.readVarint())
        case .fixed64: .fixed64(try reader.readUInt64LittleEndian())
        case .fixed32: .fixed32(try reader.readUInt32LittleEndian())
        case .lengthDelimited: .lengthDelimited(try reader.readLengthPrefixed(byteCountMax: limits.fieldByteCountMax))
        }
    }
}
