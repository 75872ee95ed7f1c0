/// A whole response: status, header fields and body, sent with a Content-Length.
public struct HTTPResponse: Sendable, Equatable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields (the serializer adds Content-Length and, when closing, Connection).
    public var headers: HTTPHeaders
    /// The body.
    public var body: [UInt8]

    /// A response.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a UTF-8 body of `contentType`.
    public init(status: HTTPStatus, contentType: String, text: String, headers: HTTPHeaders = HTTPHeaders()) {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: contentType)
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }

    /// The plain-text response that reports a refused request.
    public init(error: HTTPParseError) {
        self.init(status: error.status, contentType: "text/plain; charset=utf-8", text: error.message + "\n")
    }
}
