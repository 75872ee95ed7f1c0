/// A request's line and header fields, as the parser read them.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method.
    public var method: HTTPMethod
    /// The request target as sent: origin form (`/v1/models?x=1`), absolute form
    /// (`http://host/path`), authority form (`host:443`) or `*`.
    public var target: String
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields.
    public var headers: HTTPHeaders

    /// A request head.
    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The path part of the target, not percent-decoded: the origin form's part before `?`,
    /// an absolute form's path (`/` when it has none), or the whole target otherwise.
    public var path: String {
        var rest = Substring(target)
        if let schemeEnd = rest.firstRange(of: "://"), rest[..<schemeEnd.lowerBound].allSatisfy(\.isLetter),
           !rest.hasPrefix("/") {
            rest = rest[schemeEnd.upperBound...]
            rest = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { rest[$0...] } ?? ""
            if !rest.hasPrefix("/") { rest = "/" + rest }
        }
        return String(rest.prefix { $0 != "?" && $0 != "#" })
    }

    /// The query part of the target (after `?`, before any `#`), or nil when it has none.
    public var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...].prefix { $0 != "#" })
    }

    /// Whether the connection stays open after this request's response: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive` (RFC 9112 §9.3).
    public var keepsAlive: Bool {
        let options = headers.tokens(for: "Connection")
        if options.contains("close") { return false }
        return version.isAtLeastHTTP1_1 || options.contains("keep-alive")
    }
}
