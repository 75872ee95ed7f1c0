/// The members of a JSON object, in the order they were written, each key once.
///
/// Keys are compared as UTF-8 bytes, not as Swift strings: `"é"` and `"e\u{301}"` are
/// different keys in JSON (and different tokens in a vocabulary), while Swift's string
/// equality would treat them as one.
public struct JSONObject: Equatable, Sendable {
    /// Where each key's opening quote is in the parsed text (for error messages).
    public struct KeyOffsets: Equatable, Sendable {
        fileprivate var offsets: [[UInt8]: Int] = [:]

        public subscript(key: String) -> Int? { offsets[Array(key.utf8)] }
    }

    /// The keys in document order.
    public private(set) var keys: [String] = []
    private var values: [[UInt8]: JSONValue] = [:]
    /// Where each key was written.
    public private(set) var keyOffsets = KeyOffsets()

    /// An empty object.
    public init() {}

    /// The value of `key`, matched byte for byte.
    public subscript(key: String) -> JSONValue? { values[Array(key.utf8)] }

    /// The number of members.
    public var count: Int { keys.count }

    /// Adds a member; returns false (and changes nothing) when `key` is already present.
    @discardableResult
    public mutating func insert(_ value: JSONValue, forKey key: String, at offset: Int = 0) -> Bool {
        let bytes = Array(key.utf8)
        guard values[bytes] == nil else { return false }
        keys.append(key)
        values[bytes] = value
        keyOffsets.offsets[bytes] = offset
        return true
    }
}
