/// Reads HTTP/1.1 requests from bytes as they arrive (RFC 9112): request line, header fields,
/// then a body framed by Content-Length or the chunked coding. Requests may follow one
/// another on a connection (keep-alive, pipelining): bytes after one request start the next.
///
///     var parser = HTTPRequestParser()
///     parser.append(bytes)
///     while let event = try parser.nextEvent() { … }     // .continueExpected, .request
///
/// Every part is bounded by `limits`; the body limit may depend on the request (a route's
/// own limit) through `bodyByteCountMax`. A violation throws an `HTTPParseError` naming the
/// status to answer with, and the parser stays failed (every later call throws it again):
/// the connection must close, since the request's end can no longer be found.
public struct HTTPRequestParser: Sendable {
    /// The bounds.
    public let limits: HTTPParserLimits
    /// The body limit for a request, given its head (by default `limits.bodyByteCountMax`).
    public let bodyByteCountMax: @Sendable (HTTPRequestHead) -> Int

    var state = State.requestLine(emptyLineCount: 0)
    var buffer: [UInt8] = []
    /// The first byte not yet consumed.
    var start = 0
    /// Where the search for the current line's end resumes (bytes before it hold no LF).
    var lineScanPosition = 0

    /// A parser with `limits`, and a body limit per request head when given.
    public init(limits: HTTPParserLimits = .standard,
                bodyByteCountMax: (@Sendable (HTTPRequestHead) -> Int)? = nil) {
        self.limits = limits
        let defaultLimit = limits.bodyByteCountMax
        self.bodyByteCountMax = bodyByteCountMax ?? { _ in defaultLimit }
    }

    /// Adds bytes received; `nextEvent()` reads them.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            lineScanPosition -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received and not yet consumed by an event.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Whether the parser is between requests with nothing buffered (no request begun).
    public var isIdle: Bool {
        if case .requestLine(let emptyLines) = state { return emptyLines == 0 && bufferedByteCount == 0 }
        return false
    }

    /// Whether a request has begun: bytes of it are buffered or consumed, and it is not whole yet.
    public var hasPartialRequest: Bool {
        if case .failed = state { return false }
        return !isIdle
    }

    /// The next event the buffered bytes complete, or nil when more bytes are needed.
    public mutating func nextEvent() throws(HTTPParseError) -> HTTPParserEvent? {
        if case .failed(let error) = state { throw error }
        do {
            return try advance()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func advance() throws(HTTPParseError) -> HTTPParserEvent? {
        while true {
            switch state {
            case .requestLine(let emptyLineCount):
                guard try readRequestLine(emptyLineCount: emptyLineCount) else { return nil }
            case .headers(let head):
                guard let (line, byteCount) = try readLine(limit: limits.headerByteCountMax - head.byteCount,
                                                           tooLong: Self.headersTooLarge(limits)) else { return nil }
                if let event = try addHeaderLine(line, byteCount: byteCount, to: head) { return event }
            case .contentBody(let body):
                guard let request = readContentBody(body) else { return nil }
                return .request(request)
            case .chunked(let body):
                guard let request = try readChunked(body) else { return nil }
                return .request(request)
            case .failed(let error):
                throw error
            }
        }
    }

    /// Reads the request line (skipping a few empty lines first); returns false when more
    /// bytes are needed.
    private mutating func readRequestLine(emptyLineCount: Int) throws(HTTPParseError) -> Bool {
        let tooLong = HTTPParseError(.requestLineTooLong, "the request line is longer than "
                                     + "\(limits.requestLineByteCountMax) bytes")
        guard let (line, _) = try readLine(limit: limits.requestLineByteCountMax, tooLong: tooLong) else { return false }
        if line.isEmpty {
            guard emptyLineCount < limits.leadingEmptyLineCountMax else {
                throw HTTPParseError(.malformedRequest, "too many empty lines before the request line")
            }
            state = .requestLine(emptyLineCount: emptyLineCount + 1)
            return true
        }
        let (method, target, version) = try Self.parseRequestLine(line)
        state = .headers(HeadBuilder(method: method, target: target, version: version))
        return true
    }

    /// The next line (without its CRLF or bare LF) and the bytes it took, or nil when its end
    /// has not arrived.
    /// Throws `tooLong` when `limit` bytes pass without a line end.
    mutating func readLine(limit: Int, tooLong: HTTPParseError)
        throws(HTTPParseError) -> (line: ArraySlice<UInt8>, byteCount: Int)? {
        let searchEnd = min(buffer.count, start + max(limit, 0))
        var index = max(lineScanPosition, start)
        while index < searchEnd && buffer[index] != HTTPSyntax.lineFeed { index += 1 }
        guard index < searchEnd else {
            lineScanPosition = index
            if buffer.count - start >= limit { throw tooLong }
            return nil
        }
        var line = buffer[start..<index]
        let byteCount = index + 1 - start
        start = index + 1
        lineScanPosition = start
        if line.last == HTTPSyntax.carriageReturn { line = line.dropLast() }
        guard !line.contains(HTTPSyntax.carriageReturn) else {
            throw HTTPParseError(.malformedRequest, "a bare CR inside a line")
        }
        return (line, byteCount)
    }

    static func headersTooLarge(_ limits: HTTPParserLimits) -> HTTPParseError {
        HTTPParseError(.headersTooLarge, "the header section is larger than \(limits.headerByteCountMax) bytes")
    }
}
