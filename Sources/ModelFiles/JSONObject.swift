/// The members of a JSON object, in the order they were written, each key once.
public struct JSONObject: Equatable, Sendable {
    /// The keys in document order.
    public private(set) var keys: [String] = []
    /// The values by key.
    public private(set) var values: [String: JSONValue] = [:]
    /// Where each key's opening quote is in the parsed text (for error messages).
    public private(set) var keyOffsets: [String: Int] = [:]

    /// An empty object.
    public init() {}

    /// The value of `key`.
    public subscript(key: String) -> JSONValue? { values[key] }

    /// The number of members.
    public var count: Int { keys.count }

    /// Adds a member; returns false (and changes nothing) when `key` is already present.
    @discardableResult
    public mutating func insert(_ value: JSONValue, forKey key: String, at offset: Int = 0) -> Bool {
        guard values[key] == nil else { return false }
        keys.append(key)
        values[key] = value
        keyOffsets[key] = offset
        return true
    }
}
