/// A whole request: its head and its body, read to the end (chunked bodies joined).
public struct HTTPRequest: Sendable, Equatable {
    /// The request line and header fields.
    public var head: HTTPRequestHead
    /// The body's bytes (empty when the request has none).
    public var body: [UInt8]

    /// A request.
    public init(head: HTTPRequestHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    /// The method.
    public var method: HTTPMethod { head.method }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
}
