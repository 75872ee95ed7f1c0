import Synchronization

/// Counters and gauges of any module, rendered in Prometheus' text exposition format
/// (version 0.0.4) for `GET /metrics`.
///
/// A module registers a family with a closure that reads its own statistics when the page
/// is rendered (so the module need not know the registry), or asks for a `MetricCounter`
/// that the registry owns:
///
///     registry.register("oln_scheduler_queue_depth", help: "Requests waiting.", type: .gauge) {
///         [MetricSample(value: Double(scheduler.queuedCount))]
///     }
///     let served = registry.makeCounter("oln_api_requests_total", help: "…", labelNames: ["route", "status"])
///     served.increment(["/v1/models", "200"])
///
/// Thread-safe. Names are unique; registering one twice is a programmer error.
public final class MetricsRegistry: Sendable {
    /// The kind of a family, written on its `# TYPE` line.
    public enum MetricType: String, Sendable {
        /// Only grows (reset when the process restarts).
        case counter
        /// Goes up and down.
        case gauge
    }

    /// The Content-Type of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private struct Family: Sendable {
        let name: String
        let help: String
        let type: MetricType
        let collect: @Sendable () -> [MetricSample]
    }

    private let families = Mutex<[Family]>([])

    /// An empty registry.
    public init() {}

    /// Registers a family whose samples `collect` returns at each rendering.
    public func register(_ name: String, help: String, type: MetricType,
                         collect: @escaping @Sendable () -> [MetricSample]) {
        precondition(Self.isValidName(name, allowingColons: true), "invalid metric name \(name)")
        families.withLock { families in
            precondition(!families.contains { $0.name == name }, "metric \(name) registered twice")
            families.append(Family(name: name, help: help, type: type, collect: collect))
        }
    }

    /// Registers an unlabelled family whose one value `value` returns at each rendering.
    public func register(_ name: String, help: String, type: MetricType, value: @escaping @Sendable () -> Double) {
        register(name, help: help, type: type) { [MetricSample(value: value())] }
    }

    /// A counter family the caller increments, registered under `name`.
    public func makeCounter(_ name: String, help: String, labelNames: [String] = []) -> MetricCounter {
        let counter = MetricCounter(labelNames: labelNames)
        register(name, help: help, type: .counter) { counter.samples }
        return counter
    }

    /// The names registered, in order.
    public var names: [String] { families.withLock { $0.map(\.name) } }

    /// Every family in the text exposition format, in registration order.
    public func exposition() -> String {
        let snapshot = families.withLock { $0 }
        var text = ""
        for family in snapshot {
            text += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n"
            text += "# TYPE \(family.name) \(family.type.rawValue)\n"
            for sample in family.collect() {
                text += family.name + Self.labelText(sample.labels) + " " + Self.valueText(sample.value) + "\n"
            }
        }
        return text
    }

    /// Whether `name` matches `[a-zA-Z_:][a-zA-Z0-9_:]*` (without colons for labels).
    static func isValidName(_ name: String, allowingColons: Bool) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || (allowingColons && byte == UInt8(ascii: ":"))
        }
    }

    private static func labelText(_ labels: [MetricLabel]) -> String {
        guard !labels.isEmpty else { return "" }
        let pairs = labels.map { "\($0.name)=\"\(escapeLabelValue($0.value))\"" }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// Integers without a fraction, `NaN`, `+Inf`, `-Inf`, other values as Swift prints them.
    static func valueText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Help text with `\` and newlines escaped.
    private static func escapeHelp(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// A label value with `\`, `"` and newlines escaped.
    private static func escapeLabelValue(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\"" where quotes: escaped += "\\\""
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
