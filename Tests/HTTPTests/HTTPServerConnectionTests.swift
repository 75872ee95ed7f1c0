import HTTP
import Testing

@Suite struct HTTPServerConnectionTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func text(_ actions: [HTTPConnectionAction]) -> String {
        actions.reduce(into: "") { text, action in
            if case .write(let bytes) = action { text += String(decoding: bytes, as: UTF8.self) }
        }
    }

    static func requests(_ actions: [HTTPConnectionAction]) -> [HTTPRequest] {
        actions.compactMap { action in
            if case .handle(let request) = action { return request }
            return nil
        }
    }

    @Test func keepAliveServesRequestsOneAfterAnother() {
        var connection = HTTPServerConnection(now: .zero)
        let first = connection.receive(Self.bytes("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"), now: .seconds(1))
        #expect(Self.requests(first).map(\.head.target) == ["/a"])
        let answer = connection.respond(HTTPResponse(status: .ok, contentType: "text/plain", text: "hi"), now: .seconds(1))
        #expect(Self.text(answer) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi")
        #expect(!answer.contains(.close))
        #expect(connection.deadline == .seconds(61))
        let second = connection.receive(Self.bytes("GET /b HTTP/1.1\r\nHost: x\r\n\r\n"), now: .seconds(2))
        #expect(Self.requests(second).map(\.head.target) == ["/b"])
    }

    @Test func pipelinedRequestsWaitForTheResponseBefore() {
        var connection = HTTPServerConnection(now: .zero)
        let text = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let first = connection.receive(Self.bytes(text), now: .zero)
        #expect(Self.requests(first).map(\.head.target) == ["/a"])
        let afterFirst = connection.respond(HTTPResponse(status: .noContent), now: .zero)
        #expect(Self.requests(afterFirst).map(\.head.target) == ["/b"])
        let afterSecond = connection.respond(HTTPResponse(status: .ok), now: .zero)
        #expect(Self.text(afterSecond).contains("Connection: close\r\n"))
        #expect(afterSecond.last == .close)
        #expect(connection.isClosed)
    }

    @Test func http1_0WithoutKeepAliveCloses() {
        var connection = HTTPServerConnection(now: .zero)
        _ = connection.receive(Self.bytes("GET / HTTP/1.0\r\n\r\n"), now: .zero)
        let answer = connection.respond(HTTPResponse(status: .ok), now: .zero)
        #expect(answer.last == .close)
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() {
        var connection = HTTPServerConnection(now: .zero)
        let head = connection.receive(Self.bytes("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"),
                                      now: .zero)
        #expect(head == [.write(Self.bytes("HTTP/1.1 100 Continue\r\n\r\n"))])
        let body = connection.receive(Self.bytes("ok"), now: .zero)
        #expect(Self.requests(body).first?.body == Self.bytes("ok"))
    }

    @Test func refusedRequestsAreAnsweredWithTheirStatusAndClosed() {
        var connection = HTTPServerConnection(parserLimits: HTTPParserLimits(bodyByteCountMax: 1), now: .zero)
        let actions = connection.receive(Self.bytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n"), now: .zero)
        #expect(Self.text(actions).hasPrefix("HTTP/1.1 413 Content Too Large\r\n"))
        #expect(Self.text(actions).contains("Connection: close\r\n"))
        #expect(actions.last == .close)
    }

    @Test func slowRequestsGet408AndIdleConnectionsClose() {
        let limits = HTTPConnectionLimits(idleTimeout: .seconds(5), requestReadTimeout: .seconds(2))
        var slow = HTTPServerConnection(limits: limits, now: .zero)
        _ = slow.receive(Self.bytes("GET / HTTP/1.1\r\nHo"), now: .seconds(1))
        #expect(slow.deadline == .seconds(3))
        #expect(slow.handleTimeout(now: .seconds(2)).isEmpty)
        let timedOut = slow.handleTimeout(now: .seconds(3))
        #expect(Self.text(timedOut).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(timedOut.last == .close)

        var idle = HTTPServerConnection(limits: limits, now: .zero)
        #expect(idle.handleTimeout(now: .seconds(5)) == [.close])
    }

    @Test func pipelinedBytesPauseReadingUntilTheResponseEnds() {
        var connection = HTTPServerConnection(limits: HTTPConnectionLimits(pipelineByteCountMax: 8), now: .zero)
        _ = connection.receive(Self.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), now: .zero)
        #expect(connection.deadline == nil)
        #expect(connection.receive(Self.bytes("GET /next HTTP/1.1\r\n"), now: .zero) == [.pauseReading])
        let actions = connection.respond(HTTPResponse(status: .ok), now: .zero)
        #expect(actions.contains(.resumeReading))
        let rest = connection.receive(Self.bytes("Host: x\r\n\r\n"), now: .zero)
        #expect(Self.requests(rest).map(\.head.target) == ["/next"])
    }

    @Test func streamsAreChunkedForHTTP1_1() {
        var connection = HTTPServerConnection(now: .zero)
        _ = connection.receive(Self.bytes("GET /s HTTP/1.1\r\nHost: x\r\n\r\n"), now: .zero)
        var actions = connection.startStream(HTTPResponseHead(status: .ok, headers: ServerSentEvent.responseHeaders))
        actions += connection.stream(ServerSentEvent(data: "a").encoded)
        actions += connection.finishStream(now: .zero)
        let text = Self.text(actions)
        #expect(text.hasSuffix("Transfer-Encoding: chunked\r\n\r\n9\r\ndata: a\n\n\r\n0\r\n\r\n"))
        #expect(!connection.isClosed)
    }

    @Test func streamsToHTTP1_0EndByClosing() {
        var connection = HTTPServerConnection(now: .zero)
        _ = connection.receive(Self.bytes("GET /s HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), now: .zero)
        var actions = connection.startStream(HTTPResponseHead(status: .ok))
        actions += connection.stream(Self.bytes("raw"))
        actions += connection.finishStream(now: .zero)
        #expect(Self.text(actions) == "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nraw")
        #expect(actions.last == .close)
    }

    @Test func headResponsesKeepTheLengthAndDropTheBody() {
        var connection = HTTPServerConnection(now: .zero)
        _ = connection.receive(Self.bytes("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"), now: .zero)
        let actions = connection.respond(HTTPResponse(status: .ok, body: Self.bytes("hello")), now: .zero)
        #expect(Self.text(actions) == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
    }

    @Test func endOfInputClosesAfterThePendingResponse() {
        var connection = HTTPServerConnection(now: .zero)
        _ = connection.receive(Self.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), now: .zero)
        #expect(connection.receiveEndOfInput(now: .zero).isEmpty)
        let actions = connection.respond(HTTPResponse(status: .ok), now: .zero)
        #expect(actions.last == .close)
    }
}
