/// A query string's `name=value` pairs, percent-decoded (`+` as a space), in order.
public struct HTTPQuery: Sendable, Equatable {
    /// The most pairs a query may hold.
    public static let itemCountMax = 256

    /// The pairs; a name without `=` has an empty value.
    public let items: [(name: String, value: String)]

    /// The query string `text` (without the `?`) parsed; nil when an escape is malformed,
    /// the text is not UTF-8 once decoded, or it holds more than `itemCountMax` pairs.
    public init?(parsing text: some StringProtocol) {
        var items: [(name: String, value: String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            guard items.count < Self.itemCountMax else { return nil }
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(parts[0], plusAsSpace: true),
                  let value = parts.count > 1 ? PercentEncoding.decode(parts[1], plusAsSpace: true) : "" else { return nil }
            items.append((name, value))
        }
        self.items = items
    }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    public static func == (left: HTTPQuery, right: HTTPQuery) -> Bool {
        left.items.count == right.items.count
            && zip(left.items, right.items).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
