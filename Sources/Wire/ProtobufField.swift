/// One decoded protobuf field: its number and raw value, with typed accessors
/// that check the wire type and range.
public struct ProtobufField: Sendable, Equatable {
    /// The field number, 1 to 2^29 − 1.
    public let number: Int
    /// The raw value.
    public let value: ProtobufValue

    /// A field with the given number and value.
    public init(number: Int, value: ProtobufValue) {
        self.number = number
        self.value = value
    }

    /// The value of a `uint64` field.
    public func uint64() throws(WireError) -> UInt64 {
        guard case .varint(let raw) = value else { throw mismatch(expected: .varint) }
        return raw
    }

    /// The value of a `uint32` field; larger values are out of range.
    public func uint32() throws(WireError) -> UInt32 {
        let raw = try uint64()
        guard let narrowed = UInt32(exactly: raw) else {
            throw .valueOutOfRange("field \(number) holds \(raw), which does not fit in 32 bits")
        }
        return narrowed
    }

    /// The value of an `int64` field (two's complement in the varint).
    public func int64() throws(WireError) -> Int64 {
        Int64(bitPattern: try uint64())
    }

    /// The value of an `int32` field (sign-extended to 64 bits in the varint).
    public func int32() throws(WireError) -> Int32 {
        let raw = try int64()
        guard let narrowed = Int32(exactly: raw) else {
            throw .valueOutOfRange("field \(number) holds \(raw), which does not fit in 32 bits")
        }
        return narrowed
    }

    /// The value of a `bool` field; only 0 and 1 are accepted.
    public func bool() throws(WireError) -> Bool {
        switch try uint64() {
        case 0: return false
        case 1: return true
        case let raw: throw .valueOutOfRange("field \(number) holds \(raw), but a bool must be 0 or 1")
        }
    }

    /// The raw number of an `enum` field; the caller maps it to its cases.
    public func enumValue() throws(WireError) -> UInt64 {
        try uint64()
    }

    /// The value of a `bytes` field (or the encoding of a nested message).
    public func bytes() throws(WireError) -> [UInt8] {
        guard case .lengthDelimited(let raw) = value else { throw mismatch(expected: .lengthDelimited) }
        return raw
    }

    /// The value of a `string` field, which must be valid UTF-8.
    public func string() throws(WireError) -> String {
        let raw = try bytes()
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(field: number) }
        return text
    }

    /// The value of a `fixed32` field.
    public func fixed32() throws(WireError) -> UInt32 {
        guard case .fixed32(let raw) = value else { throw mismatch(expected: .fixed32) }
        return raw
    }

    /// The value of a `fixed64` field.
    public func fixed64() throws(WireError) -> UInt64 {
        guard case .fixed64(let raw) = value else { throw mismatch(expected: .fixed64) }
        return raw
    }

    private func mismatch(expected: ProtobufWireType) -> WireError {
        .wireTypeMismatch(field: number, expected: expected, actual: value.wireType)
    }
}
