/// Builds one protobuf message.
///
/// ``bytes`` emits fields in increasing field-number order whatever the call order,
/// keeping call order among entries of the same (repeated) field, so that equal
/// content always gives equal bytes. A field number of 0 or above 2^29 − 1 is a
/// programmer error and traps.
public struct ProtobufWriter: Sendable {
    private struct Entry: Sendable {
        let number: Int
        let sequence: Int
        let encoded: [UInt8]
    }

    private var entries: [Entry] = []

    /// An empty message.
    public init() {}

    /// Whether no field has been written.
    public var isEmpty: Bool { entries.isEmpty }

    /// The encoded message, fields sorted by number.
    public var bytes: [UInt8] {
        let ordered = entries.sorted { ($0.number, $0.sequence) < ($1.number, $1.sequence) }
        var result: [UInt8] = []
        result.reserveCapacity(ordered.reduce(0) { $0 + $1.encoded.count })
        for entry in ordered { result.append(contentsOf: entry.encoded) }
        return result
    }

    /// Writes a varint field (`uint64`, `uint32`, `enum`).
    public mutating func writeVarint(_ value: UInt64, field: Int) {
        var encoded = key(field: field, wireType: .varint)
        Varint.append(value, to: &encoded)
        add(encoded, field: field)
    }

    /// Writes a `bool` field as 0 or 1.
    public mutating func writeBool(_ value: Bool, field: Int) {
        writeVarint(value ? 1 : 0, field: field)
    }

    /// Writes an `int64` (or `int32`) field as a two's complement varint.
    public mutating func writeInt64(_ value: Int64, field: Int) {
        writeVarint(UInt64(bitPattern: value), field: field)
    }

    /// Writes a `fixed32` field.
    public mutating func writeFixed32(_ value: UInt32, field: Int) {
        var encoded = key(field: field, wireType: .fixed32)
        encoded.appendLittleEndian(value)
        add(encoded, field: field)
    }

    /// Writes a `fixed64` field.
    public mutating func writeFixed64(_ value: UInt64, field: Int) {
        var encoded = key(field: field, wireType: .fixed64)
        encoded.appendLittleEndian(value)
        add(encoded, field: field)
    }

    /// Writes a `bytes` field.
    public mutating func writeBytes(_ bytes: some Collection<UInt8>, field: Int) {
        var encoded = key(field: field, wireType: .lengthDelimited)
        Varint.append(UInt64(bytes.count), to: &encoded)
        encoded.append(contentsOf: bytes)
        add(encoded, field: field)
    }

    /// Writes a `string` field as UTF-8.
    public mutating func writeString(_ text: String, field: Int) {
        writeBytes(text.utf8, field: field)
    }

    /// Writes a nested message field.
    public mutating func writeMessage(_ writer: ProtobufWriter, field: Int) {
        writeBytes(writer.bytes, field: field)
    }

    /// Writes a varint field unless `value` is 0 (the proto3 default).
    public mutating func writeVarintIfNonZero(_ value: UInt64, field: Int) {
        if value != 0 { writeVarint(value, field: field) }
    }

    /// Writes a `bytes` field unless `bytes` is empty (the proto3 default).
    public mutating func writeBytesIfNotEmpty(_ bytes: some Collection<UInt8>, field: Int) {
        if !bytes.isEmpty { writeBytes(bytes, field: field) }
    }

    /// Writes a `string` field unless `text` is empty (the proto3 default).
    public mutating func writeStringIfNotEmpty(_ text: String, field: Int) {
        if !text.isEmpty { writeString(text, field: field) }
    }

    /// Writes a `bool` field only if it is true (false is the proto3 default).
    public mutating func writeBoolIfTrue(_ value: Bool, field: Int) {
        if value { writeBool(true, field: field) }
    }

    private func key(field: Int, wireType: ProtobufWireType) -> [UInt8] {
        precondition(
            field >= 1 && field <= ProtobufReader.fieldNumberMax,
            "protobuf field number \(field) is outside 1...\(ProtobufReader.fieldNumberMax)"
        )
        return Varint.encode(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    private mutating func add(_ encoded: [UInt8], field: Int) {
        entries.append(Entry(number: field, sequence: entries.count, encoded: encoded))
    }
}
