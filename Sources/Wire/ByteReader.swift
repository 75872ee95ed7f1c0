/// Reads values front to back from a byte array, throwing instead of trapping
/// when the input is short or malformed.
public struct ByteReader: Sendable {
    /// The whole input.
    public let bytes: [UInt8]
    /// The index of the next byte to read.
    public private(set) var position: Int

    /// A reader positioned at the first byte of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// How many bytes are left to read.
    public var remainingByteCount: Int { bytes.endIndex - position }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { position >= bytes.endIndex }

    /// Reads one byte.
    public mutating func readByte() throws(WireError) -> UInt8 {
        guard position < bytes.endIndex else { throw .truncated("a byte") }
        let byte = bytes[position]
        position += 1
        return byte
    }

    /// Reads exactly `count` bytes.
    public mutating func readBytes(_ count: Int) throws(WireError) -> [UInt8] {
        guard count >= 0 else { throw .valueOutOfRange("byte count \(count) is negative") }
        guard count <= remainingByteCount else { throw .truncated("\(count) bytes") }
        let start = position
        position += count
        return Array(bytes[start..<position])
    }

    /// Reads an unsigned LEB128 varint of at most `byteCountMax` bytes, minimal encoding only.
    public mutating func readVarint(byteCountMax: Int = Varint.byteCountMax) throws(WireError) -> UInt64 {
        let (value, byteCount) = try Varint.decode(bytes[position...], byteCountMax: byteCountMax)
        position += byteCount
        return value
    }

    /// Reads a varint length and then that many bytes.
    ///
    /// - Throws: ``WireError/limitExceeded(_:limit:)`` if the length exceeds `byteCountMax`,
    ///   ``WireError/truncated(_:)`` if fewer bytes remain than the length says.
    public mutating func readLengthPrefixed(byteCountMax: Int) throws(WireError) -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(max(byteCountMax, 0)) else {
            throw .limitExceeded("length-prefixed value", limit: byteCountMax)
        }
        return try readBytes(Int(length))
    }

    /// Reads a big-endian `UInt16`.
    public mutating func readUInt16BigEndian() throws(WireError) -> UInt16 {
        UInt16(bigEndian: try readInteger())
    }

    /// Reads a big-endian `UInt32`.
    public mutating func readUInt32BigEndian() throws(WireError) -> UInt32 {
        UInt32(bigEndian: try readInteger())
    }

    /// Reads a big-endian `UInt64`.
    public mutating func readUInt64BigEndian() throws(WireError) -> UInt64 {
        UInt64(bigEndian: try readInteger())
    }

    /// Reads a little-endian `UInt32`.
    public mutating func readUInt32LittleEndian() throws(WireError) -> UInt32 {
        UInt32(littleEndian: try readInteger())
    }

    /// Reads a little-endian `UInt64`.
    public mutating func readUInt64LittleEndian() throws(WireError) -> UInt64 {
        UInt64(littleEndian: try readInteger())
    }

    /// Throws ``WireError/trailingBytes(_:)`` unless every byte has been read.
    public func expectEnd() throws(WireError) {
        guard isAtEnd else { throw .trailingBytes(remainingByteCount) }
    }

    /// Reads `Integer.bitWidth / 8` bytes in memory order (host endianness).
    private mutating func readInteger<Integer: FixedWidthInteger>() throws(WireError) -> Integer {
        let byteCount = Integer.bitWidth / 8
        guard byteCount <= remainingByteCount else {
            throw .truncated("a \(byteCount)-byte integer")
        }
        var value = Integer.zero
        withUnsafeMutableBytes(of: &value) { buffer in
            for offset in 0..<byteCount {
                buffer[offset] = bytes[position + offset]
            }
        }
        position += byteCount
        return value
    }
}
