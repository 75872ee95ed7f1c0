extension Array where Element == UInt8 {
    /// Appends `value` most significant byte first.
    public mutating func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        let byteCount = Integer.bitWidth / 8
        for index in (0..<byteCount).reversed() {
            append(UInt8(truncatingIfNeeded: value >> (index * 8)))
        }
    }

    /// Appends `value` least significant byte first.
    public mutating func appendLittleEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        let byteCount = Integer.bitWidth / 8
        for index in 0..<byteCount {
            append(UInt8(truncatingIfNeeded: value >> (index * 8)))
        }
    }
}
