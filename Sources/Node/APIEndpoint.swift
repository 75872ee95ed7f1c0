/// Where a node's HTTP API listens, as `config.json`'s `api` and `--api` write it:
/// `HOST:PORT` (`127.0.0.1:8080`, `[::1]:8080`; port 0 lets the system pick one, reported
/// in status.json) or `off`.
public struct APIEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The default: this machine only, port 8080.
    public static let standard = APIEndpoint(host: "127.0.0.1", port: 8080)
    /// The text that turns the API off.
    public static let offText = "off"

    /// An IPv4 or IPv6 literal, without brackets.
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; nil for `off`. Throws a sentence naming the problem.
    public static func parse(_ text: String) throws(NodeError) -> APIEndpoint? {
        if text == offText { return nil }
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            throw .configuration("the API address must be HOST:PORT or off, not '\(text)'")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0 == "[" || $0 == "]" || $0 == " " }) else {
            throw .configuration("the API address must be HOST:PORT or off, not '\(text)'")
        }
        return APIEndpoint(host: host, port: port)
    }

    /// `HOST:PORT`, with an IPv6 host in brackets.
    public var description: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }
}
