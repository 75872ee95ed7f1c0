/// The status and header fields of a response whose body is streamed after it.
public struct HTTPResponseHead: Sendable, Equatable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields (the serializer adds the framing fields).
    public var headers: HTTPHeaders

    /// A response head.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.headers = headers
    }
}
