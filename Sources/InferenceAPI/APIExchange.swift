import HTTP

/// Where an `APIResponder`'s answer goes: a client's socket (`APIConnection`) or a caller
/// in this process (`BufferedExchange`). Loop thread only.
protocol APIExchange: AnyObject {
    /// Sends a whole response.
    func respond(_ response: HTTPResponse)
    /// Starts a streamed response with `head`.
    func startStream(_ head: HTTPResponseHead)
    /// Sends bytes of the streamed body.
    func stream(_ bytes: [UInt8])
    /// Ends the streamed body.
    func finishStream()
    /// Abandons the exchange in the middle of an answer.
    func abortExchange()
    /// Whether the caller stopped waiting for the answer; read from any thread.
    var isAbandoned: Bool { get }
}

extension APIExchange {
    var isAbandoned: Bool { false }
}
