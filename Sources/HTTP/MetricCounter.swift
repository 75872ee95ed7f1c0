import Synchronization

/// A counter family owned by the registry's user: values by label values, only growing.
/// Thread-safe.
public final class MetricCounter: Sendable {
    /// The label names, in order; each increment gives one value per name.
    public let labelNames: [String]
    private let values = Mutex<[[String]: Double]>([:])

    init(labelNames: [String]) {
        self.labelNames = labelNames
    }

    /// Adds `amount` (≥ 0) to the counter with `labelValues`.
    public func increment(_ labelValues: [String] = [], by amount: Double = 1) {
        precondition(labelValues.count == labelNames.count, "counter needs \(labelNames.count) label values")
        precondition(amount >= 0, "counters only grow")
        values.withLock { $0[labelValues, default: 0] += amount }
    }

    /// The counter with `labelValues` (0 before its first increment).
    public func value(_ labelValues: [String] = []) -> Double {
        values.withLock { $0[labelValues] ?? 0 }
    }

    /// Every labelled value, sorted by label values.
    var samples: [MetricSample] {
        let snapshot = values.withLock { $0 }
        if snapshot.isEmpty && labelNames.isEmpty { return [MetricSample(value: 0)] }
        return snapshot.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { labelValues, value in
            MetricSample(labels: zip(labelNames, labelValues).map { MetricLabel($0, $1) }, value: value)
        }
    }
}
