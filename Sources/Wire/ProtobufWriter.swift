/// Builds one protobuf message.
///
/// ``bytes`` emits fields in increasing field-number order whatever the call order,
/// keeping call order among entries of the same (repeated) field, so that equal
/// content always gives equal bytes. A field number of 0 or above 2^29 − 1 is a
/// programmer error and traps.
public struct ProtobufWriter: Sendable {
    /// Every field written so far, each encoded in place, in call order.
    private var buffer: [UInt8] = []
    /// The number of the field written last (0 before the first).
    private var lastFieldNumber = 0
    /// Whether the fields were written in non-decreasing number order, so that `buffer`
    /// is already the message (the common case: canonical encoders write in order).
    private var isOrdered = true

    /// An empty message.
    public init() {}

    /// Whether no field has been written.
    public var isEmpty: Bool { buffer.isEmpty }

    /// The encoded message, fields sorted by number.
    public var bytes: [UInt8] {
        isOrdered ? buffer : Self.ordered(buffer[...])
    }

    /// Writes a varint field (`uint64`, `uint32`, `enum`).
    public mutating func writeVarint(_ value: UInt64, field: Int) {
        beginField(field, wireType: .varint)
        Varint.append(value, to: &buffer)
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
        beginField(field, wireType: .fixed32)
        buffer.appendLittleEndian(value)
    }

    /// Writes a `fixed64` field.
    public mutating func writeFixed64(_ value: UInt64, field: Int) {
        beginField(field, wireType: .fixed64)
        buffer.appendLittleEndian(value)
    }

    /// Writes a `bytes` field.
    public mutating func writeBytes(_ bytes: some Collection<UInt8>, field: Int) {
        beginField(field, wireType: .lengthDelimited)
        Varint.append(UInt64(bytes.count), to: &buffer)
        buffer.append(contentsOf: bytes)
    }

    /// Writes a `bytes` field from an array (the common case, without generic dispatch).
    public mutating func writeBytes(_ bytes: [UInt8], field: Int) {
        beginField(field, wireType: .lengthDelimited)
        Varint.append(UInt64(bytes.count), to: &buffer)
        buffer.append(contentsOf: bytes)
    }

    /// Writes a `string` field as UTF-8.
    public mutating func writeString(_ text: String, field: Int) {
        writeBytes(text.utf8, field: field)
    }

    /// Writes a nested message field.
    public mutating func writeMessage(_ writer: ProtobufWriter, field: Int) {
        writeBytes(writer.bytes, field: field)
    }

    /// Writes a nested message field whose fields `encode` writes straight into this
    /// writer, without a writer and buffer of its own: a one-byte length goes first and
    /// grows, moving the content, only when the message reaches 128 bytes.
    public mutating func writeMessage(field: Int, _ encode: (inout ProtobufWriter) throws -> Void) rethrows {
        beginField(field, wireType: .lengthDelimited)
        let lengthPosition = buffer.count
        buffer.append(0)
        let outer = (lastFieldNumber, isOrdered)
        (lastFieldNumber, isOrdered) = (0, true)
        defer { (lastFieldNumber, isOrdered) = outer }
        try encode(&self)
        let contentStart = lengthPosition + 1
        if !isOrdered {
            let content = Self.ordered(buffer[contentStart...])
            buffer.replaceSubrange(contentStart..., with: content)
        }
        let length = buffer.count - contentStart
        if length < 0x80 {
            buffer[lengthPosition] = UInt8(length)
        } else {
            buffer.replaceSubrange(lengthPosition..<contentStart, with: Varint.encode(UInt64(length)))
        }
    }

    /// Writes a `bytes` field of `count` bytes that `fill` writes into the buffer it is
    /// given (exactly `count` bytes long), without an array of their own.
    public mutating func writeBytes(count: Int, field: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        beginField(field, wireType: .lengthDelimited)
        Varint.append(UInt64(count), to: &buffer)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        buffer.withUnsafeMutableBytes { fill(UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
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

    /// Appends the key of a field, noting whether it came out of number order.
    private mutating func beginField(_ field: Int, wireType: ProtobufWireType) {
        precondition(
            field >= 1 && field <= ProtobufReader.fieldNumberMax,
            "protobuf field number \(field) is outside 1...\(ProtobufReader.fieldNumberMax)"
        )
        if field < lastFieldNumber { isOrdered = false }
        lastFieldNumber = field
        Varint.append(UInt64(field) << 3 | UInt64(wireType.rawValue), to: &buffer)
    }

    /// The fields of `message` sorted by number. Only out-of-order writes pay for finding
    /// the fields again: `message` is what this type wrote, so its fields are well formed.
    /// A stable sort keeps the call order among entries of one repeated field.
    private static func ordered(_ message: ArraySlice<UInt8>) -> [UInt8] {
        let sorted = fields(in: message).enumerated().sorted {
            ($0.element.number, $0.offset) < ($1.element.number, $1.offset)
        }
        var result: [UInt8] = []
        result.reserveCapacity(message.count)
        for entry in sorted { result.append(contentsOf: message[entry.element.range]) }
        return result
    }

    /// The number and extent (indices of `buffer`) of each field in `buffer`, a message
    /// this type wrote.
    private static func fields(in buffer: ArraySlice<UInt8>) -> [(number: Int, range: Range<Int>)] {
        var fields: [(number: Int, range: Range<Int>)] = []
        var position = buffer.startIndex
        while position < buffer.endIndex {
            let start = position
            let key = readVarint(buffer, at: &position)
            switch ProtobufWireType(rawValue: UInt8(key & 7)) {
            case .varint: _ = readVarint(buffer, at: &position)
            case .fixed64: position += 8
            case .lengthDelimited: position += Int(readVarint(buffer, at: &position))
            case .fixed32: position += 4
            case nil: preconditionFailure("a written field has wire type \(key & 7)")
            }
            fields.append((Int(key >> 3), start..<position))
        }
        return fields
    }

    /// Reads the varint at `position` of a buffer this type wrote, and moves past it.
    private static func readVarint(_ buffer: ArraySlice<UInt8>, at position: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = buffer[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}
