extension HTTPRequestParser {
    /// `method SP request-target SP HTTP-version` (RFC 9112 §3).
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        let parts = line.split(separator: HTTPSyntax.space, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw HTTPParseError(.malformedRequest, "the request line is not `method target version`")
        }
        guard !parts[0].isEmpty, parts[0].allSatisfy(HTTPSyntax.isTokenCharacter) else {
            throw HTTPParseError(.malformedRequest, "the method is not a token")
        }
        guard !parts[1].isEmpty, parts[1].allSatisfy(HTTPSyntax.isTargetCharacter) else {
            throw HTTPParseError(.malformedRequest, "the request target is empty or holds characters a URI cannot")
        }
        let version = try parseVersion(parts[2])
        let method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        return (method, String(decoding: parts[1], as: UTF8.self), version)
    }

    /// `HTTP/` DIGIT `.` DIGIT; major versions other than 1 are refused with 505.
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), text[6] == UInt8(ascii: "."),
              (0x30...0x39).contains(text[5]), (0x30...0x39).contains(text[7]) else {
            throw HTTPParseError(.malformedRequest, "the protocol version is not HTTP/x.y")
        }
        let major = Int(text[5] - 0x30)
        guard major == 1 else {
            throw HTTPParseError(.unsupportedVersion, "HTTP/\(major).x is not supported; use HTTP/1.1")
        }
        return HTTPVersion(major: 1, minor: Int(text[7] - 0x30))
    }

    /// Adds one header line, or finishes the head at the empty line. Returns the event the
    /// head completes, if any.
    mutating func addHeaderLine(_ line: ArraySlice<UInt8>, byteCount: Int,
                                to builder: HeadBuilder) throws(HTTPParseError) -> HTTPParserEvent? {
        var builder = builder
        builder.byteCount += byteCount
        if line.isEmpty { return try finishHead(builder) }
        guard builder.headers.count < limits.headerCountMax else {
            throw HTTPParseError(.headersTooLarge, "more than \(limits.headerCountMax) header fields")
        }
        let (name, value) = try Self.parseField(line)
        builder.headers.add(name: name, value: value)
        state = .headers(builder)
        return nil
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). Folded lines and whitespace
    /// before the colon are refused (§5.1, §5.2).
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first, !HTTPSyntax.isWhitespace(first) else {
            throw HTTPParseError(.malformedRequest, "a folded header line (obs-fold) is not accepted")
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon) else {
            throw HTTPParseError(.malformedRequest, "a header line without a colon")
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(HTTPSyntax.isTokenCharacter) else {
            throw HTTPParseError(.malformedRequest, "a header name that is not a token (whitespace before the colon?)")
        }
        let value = HTTPSyntax.trimmingOptionalWhitespace(line[(colon + 1)...])
        guard value.allSatisfy(HTTPSyntax.isFieldValueCharacter) else {
            throw HTTPParseError(.malformedRequest, "a control character in the value of \(String(decoding: name, as: UTF8.self))")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Checks the head's fields and sets up the body: none, a length, or chunked.
    mutating func finishHead(_ builder: HeadBuilder) throws(HTTPParseError) -> HTTPParserEvent? {
        let head = builder.head
        try Self.checkHost(head)
        let framing = try Self.framing(of: head)
        let expectsContinue = try Self.expectsContinue(head)
        let byteCountMax = bodyByteCountMax(head)
        switch framing {
        case .length(let length) where length > 0:
            guard length <= byteCountMax else {
                throw HTTPParseError(.bodyTooLarge, "the body's \(length) bytes exceed this route's \(byteCountMax)")
            }
            state = .contentBody(ContentBody(head: head, body: [], remaining: length))
        case .chunked:
            state = .chunked(ChunkedBody(head: head, byteCountMax: byteCountMax, headerByteCount: builder.byteCount,
                                         headerCount: head.headers.count))
        case .length, .none:
            state = .requestLine(emptyLineCount: 0)
            return .request(HTTPRequest(head: head))
        }
        return expectsContinue ? .continueExpected(head) : nil
    }

    /// HTTP/1.1 requests carry exactly one Host field; HTTP/1.0 ones at most one (RFC 9112 §3.2).
    static func checkHost(_ head: HTTPRequestHead) throws(HTTPParseError) {
        let count = head.headers.values(for: "Host").count
        guard count <= 1 else { throw HTTPParseError(.invalidHeaders, "more than one Host field") }
        guard count == 1 || !head.version.isAtLeastHTTP1_1 else {
            throw HTTPParseError(.invalidHeaders, "an HTTP/1.1 request without a Host field")
        }
    }

    /// How the body is framed (RFC 9112 §6.3): chunked, a Content-Length, or none.
    static func framing(of head: HTTPRequestHead) throws(HTTPParseError) -> BodyFraming {
        let codings = head.headers.tokens(for: "Transfer-Encoding")
        let lengths = head.headers.values(for: "Content-Length")
        if head.headers.contains("Transfer-Encoding") {
            guard lengths.isEmpty else {
                throw HTTPParseError(.invalidHeaders, "both Transfer-Encoding and Content-Length")
            }
            guard head.version.isAtLeastHTTP1_1 else {
                throw HTTPParseError(.invalidHeaders, "Transfer-Encoding in an HTTP/1.0 request")
            }
            if let other = codings.first(where: { $0 != "chunked" }) {
                throw HTTPParseError(.unsupportedTransferCoding, "the transfer coding \(other) is not supported; "
                                     + "send the body with Content-Length or chunked alone")
            }
            guard codings.count == 1 else {
                throw HTTPParseError(.invalidHeaders, "Transfer-Encoding must name chunked exactly once")
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        return .length(try contentLength(lengths))
    }

    /// The Content-Length: one decimal value, repeated identically at most (RFC 9110 §8.6).
    static func contentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        let elements = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { HTTPSyntax.trimmingOptionalWhitespace(String($0)) }
        guard let first = elements.first, elements.allSatisfy({ $0 == first }) else {
            throw HTTPParseError(.invalidHeaders, "conflicting Content-Length values")
        }
        guard !first.isEmpty, first.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw HTTPParseError(.invalidHeaders, "Content-Length is not a decimal number")
        }
        var length = 0
        for digit in first.utf8 {
            let (times, overflowTimes) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(digit - 0x30))
            guard !overflowTimes, !overflowSum else {
                throw HTTPParseError(.bodyTooLarge, "Content-Length \(first) is beyond any body limit")
            }
            length = sum
        }
        return length
    }

    /// Whether the client waits for `100 Continue`. An HTTP/1.0 client's expectation is
    /// ignored (RFC 9110 §10.1.1); expectations other than 100-continue get 417.
    static func expectsContinue(_ head: HTTPRequestHead) throws(HTTPParseError) -> Bool {
        let expectations = head.headers.tokens(for: "Expect")
        guard !expectations.isEmpty, head.version.isAtLeastHTTP1_1 else { return false }
        guard expectations == ["100-continue"] else {
            throw HTTPParseError(.unsupportedExpectation, "only `Expect: 100-continue` is supported")
        }
        return true
    }

    /// How a request's body is delimited.
    enum BodyFraming: Equatable {
        case none
        case length(Int)
        case chunked
    }
}
