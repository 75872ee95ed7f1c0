/// A GGUF metadata array: every element has the one type named in the array's header, so
/// the elements are kept as a typed Swift array (a vocabulary is a `[String]`, its scores a
/// `[Float]`). Arrays may nest.
public enum GGUFArray: Equatable, Sendable {
    case uint8([UInt8])
    case int8([Int8])
    case uint16([UInt16])
    case int16([Int16])
    case uint32([UInt32])
    case int32([Int32])
    case float32([Float])
    case bool([Bool])
    case string([String])
    case array([GGUFArray])
    case uint64([UInt64])
    case int64([Int64])
    case float64([Double])

    /// The type of every element.
    public var elementType: GGUFValueType {
        switch self {
        case .uint8: .uint8
        case .int8: .int8
        case .uint16: .uint16
        case .int16: .int16
        case .uint32: .uint32
        case .int32: .int32
        case .float32: .float32
        case .bool: .bool
        case .string: .string
        case .array: .array
        case .uint64: .uint64
        case .int64: .int64
        case .float64: .float64
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .uint8(let values): values.count
        case .int8(let values): values.count
        case .uint16(let values): values.count
        case .int16(let values): values.count
        case .uint32(let values): values.count
        case .int32(let values): values.count
        case .float32(let values): values.count
        case .bool(let values): values.count
        case .string(let values): values.count
        case .array(let values): values.count
        case .uint64(let values): values.count
        case .int64(let values): values.count
        case .float64(let values): values.count
        }
    }

    /// The elements as integers, when they are integers that all fit in `Int`.
    public var integers: [Int]? {
        switch self {
        case .uint8(let values): values.map(Int.init)
        case .int8(let values): values.map(Int.init)
        case .uint16(let values): values.map(Int.init)
        case .int16(let values): values.map(Int.init)
        case .uint32(let values): values.map(Int.init)
        case .int32(let values): values.map(Int.init)
        case .uint64(let values): Self.exactIntegers(values)
        case .int64(let values): values.map(Int.init)
        default: nil
        }
    }

    /// The elements as Float, when they are float32 or float64 numbers.
    public var floats: [Float]? {
        switch self {
        case .float32(let values): values
        case .float64(let values): values.map(Float.init)
        default: nil
        }
    }

    /// The elements, when they are strings.
    public var strings: [String]? {
        if case .string(let values) = self { return values }
        return nil
    }

    private static func exactIntegers(_ values: [UInt64]) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let exact = Int(exactly: value) else { return nil }
            result.append(exact)
        }
        return result
    }
}
