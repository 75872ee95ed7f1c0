/// Unsigned LEB128 varints, as used by protobuf and the multiformats.
///
/// Each byte carries seven value bits, least significant group first; the high bit
/// says whether another byte follows. Decoding accepts only the minimal encoding.
public enum Varint {
    /// The most bytes a varint holding any `UInt64` needs (protobuf's limit).
    public static let byteCountMax = 10
    /// The most bytes the multiformats unsigned-varint spec allows (63 value bits).
    public static let multiformatsByteCountMax = 9

    /// The minimal encoding of `value`.
    public static func encode(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encodedByteCount(of: value))
        append(value, to: &bytes)
        return bytes
    }

    /// Appends the minimal encoding of `value` to `bytes`.
    public static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    /// How many bytes the minimal encoding of `value` takes (1 to 10).
    public static func encodedByteCount(of value: UInt64) -> Int {
        let significantBitCount = UInt64.bitWidth - value.leadingZeroBitCount
        return max(1, (significantBitCount + 6) / 7)
    }

    /// Decodes one varint from the start of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the input; bytes after the varint are left alone.
    ///   - byteCountMax: the most bytes the varint may take, clamped to 1…10;
    ///     pass ``multiformatsByteCountMax`` for multiformats fields.
    /// - Returns: the value and how many bytes it took.
    /// - Throws: ``WireError/truncated(_:)`` if the input ends inside the varint,
    ///   ``WireError/overlongVarint`` for a non-minimal encoding, and
    ///   ``WireError/varintOverflow`` if the value needs more than `byteCountMax` bytes
    ///   or more than 64 bits.
    public static func decode<Bytes: Collection<UInt8>>(
        _ bytes: Bytes,
        byteCountMax: Int = Varint.byteCountMax
    ) throws(WireError) -> (value: UInt64, byteCount: Int) {
        let allowedByteCount = min(max(byteCountMax, 1), Varint.byteCountMax)
        var value: UInt64 = 0
        var byteCount = 0
        for byte in bytes {
            if byteCount == allowedByteCount { throw .varintOverflow }
            if byteCount == 9 && byte > 1 { throw .varintOverflow }
            value |= UInt64(byte & 0x7f) << UInt64(7 * byteCount)
            byteCount += 1
            if byte & 0x80 == 0 {
                if byte == 0 && byteCount > 1 { throw .overlongVarint }
                return (value, byteCount)
            }
        }
        if byteCount == allowedByteCount { throw .varintOverflow }
        throw .truncated("varint")
    }
}
