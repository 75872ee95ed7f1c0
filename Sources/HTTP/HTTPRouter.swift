/// Chooses a handler by method and path. Patterns are paths whose segments are literal or
/// `{name}` parameters matching one segment (`/v1/models/{model}`); a path's segments are
/// percent-decoded before they are compared, so `%2F` stays inside its segment.
///
///     var router = HTTPRouter<Handler>()
///     router.add(.get, "/v1/models/{model}", handler)
///     switch router.match(method: head.method, path: head.path) { … }
public struct HTTPRouter<Handler: Sendable>: Sendable {
    /// One registered route.
    public struct Route: Sendable {
        /// The method it answers.
        public let method: HTTPMethod
        /// The pattern it was added with.
        public let pattern: String
        /// The body limit of its requests, or nil for the parser's default.
        public let bodyByteCountMax: Int?
        /// The handler.
        public let handler: Handler
        let segments: [Segment]
    }

    /// What `match` found.
    public enum Match: Sendable {
        /// A route, with its path parameters by name.
        case found(Route, parameters: [String: String])
        /// No route has this path (404).
        case notFound
        /// Routes have this path, but for other methods, listed for `Allow` (405).
        case methodNotAllowed(allowed: [HTTPMethod])
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// The routes in the order they were added.
    public private(set) var routes: [Route] = []

    /// No routes.
    public init() {}

    /// Adds a route. A pattern starts with `/`; adding the same method and pattern twice
    /// is a programmer error.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, bodyByteCountMax: Int? = nil, _ handler: Handler) {
        precondition(pattern.hasPrefix("/"), "route pattern \(pattern) does not start with /")
        precondition(!routes.contains { $0.method == method && $0.pattern == pattern }, "route \(method) \(pattern) added twice")
        let segments = Self.split(pattern).map { piece -> Segment in
            piece.hasPrefix("{") && piece.hasSuffix("}") && piece.count > 2
                ? .parameter(String(piece.dropFirst().dropLast())) : .literal(piece)
        }
        routes.append(Route(method: method, pattern: pattern, bodyByteCountMax: bodyByteCountMax,
                            handler: handler, segments: segments))
    }

    /// The route for `method` and `path` (not yet percent-decoded). `HEAD` matches a `GET`
    /// route when no `HEAD` route is registered. A path whose escapes are malformed matches
    /// nothing.
    public func match(method: HTTPMethod, path: String) -> Match {
        guard let segments = Self.decodedSegments(path) else { return .notFound }
        var allowed: [HTTPMethod] = []
        var headFallback: (Route, [String: String])?
        for route in routes {
            guard let parameters = Self.parameters(route.segments, segments) else { continue }
            if route.method == method { return .found(route, parameters: parameters) }
            if method == .head && route.method == .get { headFallback = (route, parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if let (route, parameters) = headFallback { return .found(route, parameters: parameters) }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }

    /// The body limit of the route `head` reaches, or nil when it reaches none or the route
    /// has no limit of its own.
    public func bodyByteCountMax(for head: HTTPRequestHead) -> Int? {
        guard case .found(let route, _) = match(method: head.method, path: head.path) else { return nil }
        return route.bodyByteCountMax
    }

    private static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }

    private static func decodedSegments(_ path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for piece in split(path) {
            guard let decoded = PercentEncoding.decode(piece) else { return nil }
            segments.append(decoded)
        }
        return segments
    }

    private static func parameters(_ pattern: [Segment], _ segments: [String]) -> [String: String]? {
        guard pattern.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, segment) in zip(pattern, segments) {
            switch expected {
            case .literal(let literal): guard literal == segment else { return nil }
            case .parameter(let name):
                guard !segment.isEmpty else { return nil }
                parameters[name] = segment
            }
        }
        return parameters
    }
}
