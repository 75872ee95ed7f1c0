/// Reads little-endian values from untrusted bytes; running past the end throws the error
/// `truncated` builds, never traps. The reading half of `ByteBuilder`.
struct ByteScanner {
    let bytes: [UInt8]
    private(set) var position = 0
    private let truncated: (String) -> ModelFactoryError

    /// A scanner whose short reads throw `truncated(what)`.
    init(_ bytes: [UInt8], truncated: @escaping (String) -> ModelFactoryError) {
        self.bytes = bytes
        self.truncated = truncated
    }

    var remainingCount: Int { bytes.count - position }

    mutating func bytes(_ count: Int, _ what: String) throws(ModelFactoryError) -> [UInt8] {
        guard count >= 0, count <= remainingCount else { throw truncated(what) }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func uint16(_ what: String) throws(ModelFactoryError) -> UInt16 {
        UInt16(try integer(2, what))
    }

    mutating func uint32(_ what: String) throws(ModelFactoryError) -> UInt32 {
        UInt32(try integer(4, what))
    }

    mutating func uint64(_ what: String) throws(ModelFactoryError) -> UInt64 {
        try integer(8, what)
    }

    mutating func float(_ what: String) throws(ModelFactoryError) -> Float {
        Float(bitPattern: try uint32(what))
    }

    mutating func double(_ what: String) throws(ModelFactoryError) -> Double {
        Double(bitPattern: try uint64(what))
    }

    /// `count` little-endian float32 values.
    mutating func floats(_ count: Int, _ what: String) throws(ModelFactoryError) -> [Float] {
        guard count >= 0, count <= remainingCount / 4 else { throw truncated(what) }
        var values = [Float](repeating: 0, count: count)
        for index in 0..<count { values[index] = Float(bitPattern: UInt32(load(4))) }
        return values
    }

    /// `count` little-endian int16 values.
    mutating func int16s(_ count: Int, _ what: String) throws(ModelFactoryError) -> [Int16] {
        guard count >= 0, count <= remainingCount / 2 else { throw truncated(what) }
        var values = [Int16](repeating: 0, count: count)
        for index in 0..<count { values[index] = Int16(bitPattern: UInt16(load(2))) }
        return values
    }

    private mutating func integer(_ width: Int, _ what: String) throws(ModelFactoryError) -> UInt64 {
        guard width <= remainingCount else { throw truncated(what) }
        return load(width)
    }

    /// A little-endian integer of `width` bytes; the caller has checked the length.
    private mutating func load(_ width: Int) -> UInt64 {
        var value: UInt64 = 0
        for offset in 0..<width { value |= UInt64(bytes[position + offset]) << UInt64(8 * offset) }
        position += width
        return value
    }
}
