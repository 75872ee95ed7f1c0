/// Bounds-checked little-endian reading from a byte buffer, for the GGUF header parser.
/// Every read either returns a value from inside the buffer or throws `.truncated` naming
/// the offset and the field; nothing is copied but the values read.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes left after the cursor.
    var remaining: Int { bytes.count - offset }

    /// Reads a little-endian integer.
    mutating func read<Value: FixedWidthInteger>(_: Value.Type, _ field: String) throws(ModelFileError) -> Value {
        let size = MemoryLayout<Value>.size
        guard remaining >= size else { throw truncated(field, needing: size) }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: Value.self)
        offset += size
        return Value(littleEndian: value)
    }

    /// Returns the next `count` bytes (a view into the buffer) and steps over them.
    mutating func readBytes(_ count: Int, _ field: String) throws(ModelFileError) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw truncated(field, needing: count) }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// Checks that `count` items of at least `itemByteCount` bytes each can still follow,
    /// before anything is allocated for them.
    func requireRoom(for count: UInt64, itemByteCount: Int, _ field: String) throws(ModelFileError) {
        let (total, overflow) = count.multipliedReportingOverflow(by: UInt64(itemByteCount))
        guard !overflow, total <= UInt64(remaining) else {
            throw ModelFileError(.truncated, at: offset,
                                 "\(field): \(count) items need at least \(itemByteCount) bytes each, "
                                 + "but only \(remaining) bytes remain")
        }
    }

    func truncated(_ field: String, needing count: Int) -> ModelFileError {
        ModelFileError(.truncated, at: offset, "\(field) needs \(count) bytes, but only \(remaining) remain")
    }
}
