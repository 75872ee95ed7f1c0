/// A JSON value as `JSONParser` reads it. Integers that fit Int64 are kept exact; other
/// numbers are Doubles. Objects keep their keys' order and refuse duplicate keys.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value, when it is a string.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value, when it is an integer that fits `Int`.
    public var integer: Int? {
        if case .integer(let value) = self { return Int(exactly: value) }
        return nil
    }

    /// The value as a Double, when it is a number (integers convert, rounding past 2⁵³).
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The value, when it is a bool.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, when the value is an array.
    public var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, when the value is an object.
    public var object: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// A name for the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a bool"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
