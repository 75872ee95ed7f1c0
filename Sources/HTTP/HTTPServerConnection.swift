/// One server-side HTTP/1.1 connection, sans-IO: bytes in → requests out; responses and
/// streamed bodies in → bytes out.
///
/// Requests are handed over one at a time, in order: the next (pipelined) request is parsed
/// only after the current response has ended, so responses never interleave. Connections
/// persist per the request's version and `Connection` field, and close after
/// `Connection: close`, after an HTTP/1.0 request without keep-alive, after a stream that
/// must end by closing, and after any refused request (which is answered first with its
/// status: 400, 408, 413, 414, 417, 431, 501, 505).
///
/// Time comes from the caller: pass `now` to each call and call `handleTimeout(now:)` at or
/// after `deadline`.
public struct HTTPServerConnection: Sendable {
    enum State: Sendable, Equatable {
        case awaitingRequest
        case responding(Exchange)
        case streaming(Exchange, HTTPResponseSerializer.StreamFraming)
        case closed
    }

    /// What the response to the current request must honour.
    struct Exchange: Sendable, Equatable {
        var keepsAlive: Bool
        var omitsBody: Bool
        var version: HTTPVersion
    }

    /// The timeouts and buffer bound.
    public let limits: HTTPConnectionLimits
    private var parser: HTTPRequestParser
    private let errorResponse: @Sendable (HTTPParseError) -> HTTPResponse
    private(set) var state = State.awaitingRequest
    private var idleSince: Duration
    private var requestStartedAt: Duration?
    private var isReadingPaused = false
    private var peerFinishedSending = false

    /// A connection opened at `now`.
    ///
    /// - Parameters:
    ///   - bodyByteCountMax: the body limit for a request head (a route's own limit); by
    ///     default `parserLimits.bodyByteCountMax`.
    ///   - errorResponse: the response that reports a refused request (by default plain
    ///     text); its status should be the error's.
    public init(limits: HTTPConnectionLimits = .standard, parserLimits: HTTPParserLimits = .standard,
                bodyByteCountMax: (@Sendable (HTTPRequestHead) -> Int)? = nil,
                errorResponse: @escaping @Sendable (HTTPParseError) -> HTTPResponse = { HTTPResponse(error: $0) },
                now: Duration) {
        self.limits = limits
        parser = HTTPRequestParser(limits: parserLimits, bodyByteCountMax: bodyByteCountMax)
        self.errorResponse = errorResponse
        idleSince = now
    }

    /// Whether the connection has closed (no more actions will come).
    public var isClosed: Bool { state == .closed }

    /// Whether a request has been handed over and its response has not ended.
    public var isAwaitingResponse: Bool {
        switch state {
        case .responding, .streaming: true
        case .awaitingRequest, .closed: false
        }
    }

    /// When `handleTimeout(now:)` should next be called, or nil while a response is under way
    /// (the application's work is not timed here) or once closed.
    public var deadline: Duration? {
        guard state == .awaitingRequest else { return nil }
        if let requestStartedAt { return requestStartedAt + limits.requestReadTimeout }
        return idleSince + limits.idleTimeout
    }

    /// Bytes received from the peer.
    public mutating func receive(_ bytes: [UInt8], now: Duration) -> [HTTPConnectionAction] {
        guard state != .closed, !bytes.isEmpty else { return [] }
        parser.append(bytes)
        guard state == .awaitingRequest else {
            guard !isReadingPaused, parser.bufferedByteCount > limits.pipelineByteCountMax else { return [] }
            isReadingPaused = true
            return [.pauseReading]
        }
        if requestStartedAt == nil { requestStartedAt = now }
        return processBufferedBytes(now: now)
    }

    /// The peer will send nothing more (it shut down its side, or the socket reached end of
    /// stream). A response under way is still sent; then the connection closes.
    public mutating func receiveEndOfInput(now: Duration) -> [HTTPConnectionAction] {
        guard state != .closed else { return [] }
        peerFinishedSending = true
        guard state == .awaitingRequest else { return [] }
        state = .closed
        return [.close]
    }

    /// Checks the timeouts: a request not read whole within `requestReadTimeout` is answered
    /// 408; an idle connection past `idleTimeout` is closed quietly.
    public mutating func handleTimeout(now: Duration) -> [HTTPConnectionAction] {
        guard let deadline, now >= deadline else { return [] }
        if parser.hasPartialRequest {
            let timeout = limits.requestReadTimeout
            return refuse(HTTPParseError(.requestTimeout, "the request did not arrive whole within \(timeout)"))
        }
        state = .closed
        return [.close]
    }

    /// Closes at once, for example when the application fails in the middle of a stream
    /// (a chunked body then ends without its last chunk, which the client sees as an error).
    public mutating func close() -> [HTTPConnectionAction] {
        guard state != .closed else { return [] }
        state = .closed
        return [.close]
    }

    /// Answers the request handed over last with a whole response.
    public mutating func respond(_ response: HTTPResponse, now: Duration) -> [HTTPConnectionAction] {
        guard case .responding(let exchange) = state else {
            preconditionFailure("HTTPServerConnection.respond called with no request awaiting a response")
        }
        let bytes = HTTPResponseSerializer.serialize(response, closing: !exchange.keepsAlive,
                                                     omittingBody: exchange.omitsBody)
        return [.write(bytes)] + finishExchange(exchange, now: now)
    }

    /// Starts a streamed response to the request handed over last: chunked for HTTP/1.1,
    /// delimited by closing for HTTP/1.0.
    public mutating func startStream(_ head: HTTPResponseHead) -> [HTTPConnectionAction] {
        guard case .responding(let exchange) = state else {
            preconditionFailure("HTTPServerConnection.startStream called with no request awaiting a response")
        }
        let framing: HTTPResponseSerializer.StreamFraming = exchange.version.isAtLeastHTTP1_1 ? .chunked : .untilClose
        state = .streaming(exchange, framing)
        return [.write(HTTPResponseSerializer.serialize(head, framing: framing, closing: !exchange.keepsAlive))]
    }

    /// Sends part of a streamed body.
    public mutating func stream(_ bytes: [UInt8]) -> [HTTPConnectionAction] {
        guard case .streaming(let exchange, let framing) = state else {
            preconditionFailure("HTTPServerConnection.stream called with no stream started")
        }
        guard !exchange.omitsBody, !bytes.isEmpty else { return [] }
        return [.write(framing == .chunked ? HTTPResponseSerializer.chunk(bytes) : bytes)]
    }

    /// Ends a streamed body.
    public mutating func finishStream(now: Duration) -> [HTTPConnectionAction] {
        guard case .streaming(let exchange, let framing) = state else {
            preconditionFailure("HTTPServerConnection.finishStream called with no stream started")
        }
        guard framing == .chunked else {
            state = .closed
            return [.close]
        }
        let last: [HTTPConnectionAction] = exchange.omitsBody ? [] : [.write(HTTPResponseSerializer.lastChunk)]
        return last + finishExchange(exchange, now: now)
    }

    /// After a response: close, or wait for (or parse) the next request.
    private mutating func finishExchange(_ exchange: Exchange, now: Duration) -> [HTTPConnectionAction] {
        guard exchange.keepsAlive else {
            state = .closed
            return [.close]
        }
        state = .awaitingRequest
        idleSince = now
        requestStartedAt = parser.bufferedByteCount > 0 ? now : nil
        var actions: [HTTPConnectionAction] = []
        if isReadingPaused {
            isReadingPaused = false
            actions.append(.resumeReading)
        }
        actions += processBufferedBytes(now: now)
        if peerFinishedSending && state == .awaitingRequest {
            state = .closed
            actions.append(.close)
        }
        return actions
    }

    /// Parses buffered bytes until a request is whole, more bytes are needed, or a violation.
    private mutating func processBufferedBytes(now: Duration) -> [HTTPConnectionAction] {
        var actions: [HTTPConnectionAction] = []
        while true {
            let event: HTTPParserEvent?
            do {
                event = try parser.nextEvent()
            } catch {
                return actions + refuse(error)
            }
            switch event {
            case nil:
                if !parser.hasPartialRequest { requestStartedAt = nil }
                return actions
            case .continueExpected:
                actions.append(.write(HTTPResponseSerializer.continueResponse))
            case .request(let request):
                requestStartedAt = parser.hasPartialRequest ? now : nil
                let exchange = Exchange(keepsAlive: request.head.keepsAlive, omitsBody: request.method == .head,
                                        version: request.head.version)
                state = .responding(exchange)
                actions.append(.handle(request))
                return actions
            }
        }
    }

    /// Answers a refused request with its status and closes.
    private mutating func refuse(_ error: HTTPParseError) -> [HTTPConnectionAction] {
        state = .closed
        return [.write(HTTPResponseSerializer.serialize(errorResponse(error), closing: true)), .close]
    }
}
