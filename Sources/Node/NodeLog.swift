import Foundation

/// Structured log lines, one per event: the time (UTC, milliseconds), the level, the
/// event name and `key=value` fields (values with spaces or quotes are quoted):
///
///     2026-01-01T00:00:02.013Z info batch_committed height=1 transactions=3 slot=1
public struct NodeLog: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case error, warning, info, debug

        /// The level named in `config.json`'s `log_level`.
        public init?(name: String) {
            guard let level = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = level
        }

        public var name: String {
            switch self {
            case .error: "error"
            case .warning: "warning"
            case .info: "info"
            case .debug: "debug"
            }
        }

        public static func < (left: Level, right: Level) -> Bool { left.rawValue < right.rawValue }
    }

    /// Lines at this level or more severe are written.
    public var level: Level
    private let sink: @Sendable (String) -> Void

    /// A log writing each line (without its line break) to `sink`.
    public init(level: Level, sink: @escaping @Sendable (String) -> Void) {
        self.level = level
        self.sink = sink
    }

    /// A log that writes nothing.
    public static let silent = NodeLog(level: .error, sink: { _ in })

    public func error(_ event: String, _ fields: KeyValuePairs<String, Any> = [:]) { write(.error, event, fields) }
    public func warning(_ event: String, _ fields: KeyValuePairs<String, Any> = [:]) { write(.warning, event, fields) }
    public func info(_ event: String, _ fields: KeyValuePairs<String, Any> = [:]) { write(.info, event, fields) }
    public func debug(_ event: String, _ fields: KeyValuePairs<String, Any> = [:]) { write(.debug, event, fields) }

    func write(_ lineLevel: Level, _ event: String, _ fields: KeyValuePairs<String, Any>) {
        guard lineLevel <= level else { return }
        sink(Self.line(time: Date(), level: lineLevel, event: event, fields: fields))
    }

    /// One formatted line.
    public static func line(time: Date, level: Level, event: String, fields: KeyValuePairs<String, Any>) -> String {
        var line = "\(timestamp(time)) \(level.name) \(event)"
        for (key, value) in fields { line += " \(key)=\(quoted("\(value)"))" }
        return line
    }

    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }

    static func timestamp(_ time: Date) -> String {
        let milliseconds = Int64((time.timeIntervalSince1970 * 1_000).rounded(.down))
        var seconds = time_t(milliseconds / 1_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(milliseconds % 1_000))
    }
}
