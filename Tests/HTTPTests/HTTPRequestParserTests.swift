import HTTP
import Testing
import TestSupport

/// Requests parsed whole: the examples of RFC 9112 §3.2, a chunked body, and the expected
/// fields as h11 0.16.0 (an independent Python implementation) reads the same bytes.
@Suite struct HTTPRequestParserTests {
    /// All events the bytes produce, fed at once.
    static func events(_ text: String, limits: HTTPParserLimits = .standard) throws(HTTPParseError) -> [HTTPParserEvent] {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array(text.utf8))
        var events: [HTTPParserEvent] = []
        while let event = try parser.nextEvent() { events.append(event) }
        return events
    }

    static func request(_ text: String) throws -> HTTPRequest {
        let events = try Self.events(text)
        guard events.count == 1, case .request(let request) = events[0] else {
            Issue.record("expected one request, got \(events)")
            throw HTTPParseError(.malformedRequest, "test")
        }
        return request
    }

    static func error(_ text: String, limits: HTTPParserLimits = .standard) -> HTTPParseError? {
        do {
            _ = try events(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("GET /where?q=now HTTP/1.1\r\nHost: www.example.com\r\n\r\n", "GET", "/where?q=now", "/where"),
        ("GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\nHost: www.example.org\r\n\r\n", "GET",
         "http://www.example.org/pub/WWW/TheProject.html", "/pub/WWW/TheProject.html"),
        ("CONNECT www.example.com:80 HTTP/1.1\r\nHost: www.example.com\r\n\r\n", "CONNECT", "www.example.com:80",
         "www.example.com:80"),
        ("OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n", "OPTIONS", "*", "*"),
    ])
    func rfc9112RequestTargetForms(text: String, method: String, target: String, path: String) throws {
        let request = try Self.request(text)
        #expect(request.method.rawValue == method)
        #expect(request.head.target == target)
        #expect(request.head.path == path)
        #expect(request.head.version == .http1_1)
        #expect(request.body.isEmpty)
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let text = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n"
            + "E\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n"
        let request = try Self.request(text)
        #expect(request.body == Array("Wikipedia in\r\n\r\nchunks.".utf8))
        #expect(request.headers.fields.map(\.name) == ["Host", "Transfer-Encoding"])
    }

    @Test func contentLengthBodyAndCaseInsensitiveNames() throws {
        let request = try Self.request("POST /v1/completions HTTP/1.1\r\nHost: a\r\ncontent-length: 5\r\n\r\nhello")
        #expect(request.body == Array("hello".utf8))
        #expect(request.headers["Content-Length"] == "5")
        #expect(request.headers["CONTENT-LENGTH"] == "5")
    }

    @Test func optionalWhitespaceIsTrimmedAndEmptyValuesKept() throws {
        let request = try Self.request("GET / HTTP/1.1\r\nHost:a\r\nX-Empty:\r\nX-Padded: \t value \t\r\n\r\n")
        #expect(request.headers.fields.map(\.value) == ["a", "", "value"])
    }

    @Test func repeatedIdenticalContentLengthIsAccepted() throws {
        let request = try Self.request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello")
        #expect(request.body == Array("hello".utf8))
    }

    @Test func bareLineFeedsAndLeadingEmptyLinesAreTolerated() throws {
        let request = try Self.request("\r\n\nGET / HTTP/1.0\nHost: a\n\n")
        #expect(request.head.version == .http1_0)
        #expect(!request.head.keepsAlive)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),                                  // h11: 400
        ("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  2\r\n\r\n", 400),                    // h11 unfolds; RFC 9112 §5.2 allows 400
        ("GET / HTTP/1.1\r\n\r\n", 400),                                               // h11: 400 (no Host)
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),  // h11: 400
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),  // h11: 501
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),          // h11: 400
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", 400),                   // h11: 400
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nHost: a\r\nExpect: something\r\n\r\n", 417),
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\u{01}\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n", 413),
    ])
    func violationsMapToTheirStatus(text: String, status: Int) {
        #expect(Self.error(text)?.status.code == status)
    }

    @Test func limitsAreEnforcedWithTheirStatuses() {
        let limits = HTTPParserLimits(requestLineByteCountMax: 32, headerByteCountMax: 64, headerCountMax: 3,
                                      bodyByteCountMax: 8, chunkLineByteCountMax: 8)
        let longTarget = "GET /" + String(repeating: "a", count: 40) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(Self.error(longTarget, limits: limits)?.status == .uriTooLong)
        let manyHeaders = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(Self.error(manyHeaders, limits: limits)?.status == .requestHeaderFieldsTooLarge)
        let bigHeader = "GET / HTTP/1.1\r\nHost: " + String(repeating: "b", count: 70) + "\r\n\r\n"
        #expect(Self.error(bigHeader, limits: limits)?.status == .requestHeaderFieldsTooLarge)
        #expect(Self.error("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n", limits: limits)?.status == .contentTooLarge)
        let chunks = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n4\r\nfghi\r\n0\r\n\r\n"
        #expect(Self.error(chunks, limits: limits)?.status == .contentTooLarge)
        let longChunkLine = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;aaaaaaaaaa\r\n"
        #expect(Self.error(longChunkLine, limits: limits)?.status == .badRequest)
        #expect(Self.error("\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n", limits: limits)?.status == .badRequest)
    }

    @Test func bodyLimitDependsOnTheRequest() throws {
        var parser = HTTPRequestParser { head in head.path == "/big" ? 100 : 4 }
        parser.append(Array("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789".utf8))
        #expect(try parser.nextEvent() != nil)
        parser.append(Array("POST /small HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.nextEvent() }
        #expect(throws: HTTPParseError.self) { try parser.nextEvent() }  // stays failed
    }

    @Test func expectContinueIsAnnouncedBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .continueExpected(let head) = try parser.nextEvent() else {
            Issue.record("no continue event")
            return
        }
        #expect(head.method == .post)
        #expect(try parser.nextEvent() == nil)
        parser.append(Array("abc".utf8))
        #expect(try parser.nextEvent() == .request(HTTPRequest(head: head, body: Array("abc".utf8))))
    }

    @Test func expectContinueBeyondTheLimitIsRefusedWith413() {
        let limits = HTTPParserLimits(bodyByteCountMax: 2)
        let text = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
        #expect(Self.error(text, limits: limits)?.status == .contentTooLarge)
    }

    @Test func pipelinedRequestsComeOutInOrder() throws {
        let text = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
            + "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let events = try Self.events(text)
        let targets = events.compactMap { event -> String? in
            if case .request(let request) = event { return request.head.target }
            return nil
        }
        #expect(targets == ["/a", "/b", "/c"])
        guard case .request(let last) = events.last else { return }
        #expect(!last.head.keepsAlive)
    }

    /// Property: however the bytes are split, the same requests come out.
    @Test func randomSplitPointsGiveTheSameRequests() throws {
        var random = SeededGenerator.make(for: "HTTPRequestParser.randomSplitPoints")
        let text = "GET /a?x=1 HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"
            + "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;e=f\r\nde\r\n0\r\nT: 1\r\n\r\n"
        let bytes = Array(text.utf8)
        let expected = try Self.events(text)
        for _ in 0..<200 {
            var parser = HTTPRequestParser()
            var events: [HTTPParserEvent] = []
            var index = 0
            while index < bytes.count {
                let end = min(bytes.count, index + Int.random(in: 1...12, using: &random))
                parser.append(bytes[index..<end])
                while let event = try parser.nextEvent() { events.append(event) }
                index = end
            }
            #expect(events == expected)
        }
    }

    /// Property: mutated and random input never traps; it parses or throws.
    @Test func mutatedInputNeverTraps() {
        var random = SeededGenerator.make(for: "HTTPRequestParser.mutatedInput")
        let seeds = [
            "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world",
            "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;e=f\r\nde\r\n0\r\nT: 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nz",
        ].map { Array($0.utf8) }
        let limits = HTTPParserLimits(requestLineByteCountMax: 64, headerByteCountMax: 128, headerCountMax: 4,
                                      bodyByteCountMax: 32)
        for round in 0..<3000 {
            let input = round % 10 == 0 ? random.bytes(maximumCount: 200) : random.mutate(seeds[round % seeds.count])
            var parser = HTTPRequestParser(limits: limits)
            parser.append(input)
            for _ in 0..<8 {
                guard (try? parser.nextEvent()) != nil else { break }
            }
        }
    }
}
