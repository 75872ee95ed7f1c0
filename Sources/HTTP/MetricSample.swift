/// One value of a metric family, with its label pairs.
public struct MetricSample: Sendable, Equatable {
    /// Label names and values, in order (names match `[a-zA-Z_][a-zA-Z0-9_]*`).
    public var labels: [MetricLabel]
    /// The value.
    public var value: Double

    /// A sample.
    public init(labels: [MetricLabel] = [], value: Double) {
        self.labels = labels
        self.value = value
    }
}
