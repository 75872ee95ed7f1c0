import HTTP

/// An exchange with a caller in this process (`APIServer.handle`): a whole response goes
/// to the completion as it is; a streamed one is gathered (up to `byteCountMax` bytes of
/// body) and handed over when it ends. An abandoned or oversized stream answers 500.
/// Loop thread only.
final class BufferedExchange: APIExchange {
    private let byteCountMax: Int
    private var completion: (@Sendable (HTTPResponse) -> Void)?
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    /// Whether the caller stopped waiting (set once, read from any thread).
    private let abandoned: (@Sendable () -> Bool)?

    init(byteCountMax: Int, abandoned: (@Sendable () -> Bool)? = nil, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        self.byteCountMax = byteCountMax
        self.abandoned = abandoned
        self.completion = completion
    }

    var isAbandoned: Bool { abandoned?() ?? false }

    func respond(_ response: HTTPResponse) {
        completion?(response)
        completion = nil
    }

    func startStream(_ head: HTTPResponseHead) {
        self.head = head
    }

    func stream(_ bytes: [UInt8]) {
        guard completion != nil else { return }
        guard body.count + bytes.count <= byteCountMax else { return abortExchange() }
        body += bytes
    }

    func finishStream() {
        guard let head else { return abortExchange() }
        respond(HTTPResponse(status: head.status, headers: head.headers, body: body))
    }

    func abortExchange() {
        respond(APIError(status: .internalServerError, message: "The answer was abandoned before it ended.",
                         type: "server_error").response)
    }
}
