/// A label name and its value.
public struct MetricLabel: Sendable, Equatable {
    /// The label's name.
    public var name: String
    /// The label's value (any text; it is escaped when rendered).
    public var value: String

    /// A label.
    public init(_ name: String, _ value: String) {
        precondition(MetricsRegistry.isValidName(name, allowingColons: false), "invalid label name \(name)")
        self.name = name
        self.value = value
    }
}
