import HTTP

/// A request as a route handler receives it.
public struct APIRequest: Sendable {
    /// The HTTP request, body included.
    public let http: HTTPRequest
    /// The path parameters of the route's pattern, by name (percent-decoded).
    public let parameters: [String: String]
    /// The query string's pairs (empty when there is none).
    public let query: HTTPQuery
    /// The client: its socket address (`127.0.0.1:51234`), or what another transport
    /// names it by (`/p2p/<peer id>`).
    public let client: String
}
