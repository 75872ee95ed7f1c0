/// Appends little-endian integers, floats and raw bytes: the writing half of the module's
/// binary files (checkpoints, gradient stores).
struct ByteBuilder {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ raw: some Sequence<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    mutating func append(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func append(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func append(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func append(_ value: Float) { append(value.bitPattern) }

    mutating func append(_ value: Double) { append(value.bitPattern) }

    /// Every value of `values` as little-endian float32.
    mutating func append(_ values: [Float]) {
        bytes.reserveCapacity(bytes.count + 4 * values.count)
        for value in values { append(value.bitPattern) }
    }

    /// Every value of `values` as little-endian int16.
    mutating func append(_ values: [Int16]) {
        bytes.reserveCapacity(bytes.count + 2 * values.count)
        for value in values { append(UInt16(bitPattern: value)) }
    }
}
