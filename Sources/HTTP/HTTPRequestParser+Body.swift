extension HTTPRequestParser {
    /// Takes what has arrived of a Content-Length body; the request once it is whole.
    mutating func readContentBody(_ body: ContentBody) -> HTTPRequest? {
        var body = body
        let taken = min(body.remaining, bufferedByteCount)
        body.body.append(contentsOf: buffer[start..<(start + taken)])
        start += taken
        lineScanPosition = start
        body.remaining -= taken
        guard body.remaining == 0 else {
            state = .contentBody(body)
            return nil
        }
        state = .requestLine(emptyLineCount: 0)
        return HTTPRequest(head: body.head, body: body.body)
    }

    /// Reads the chunked coding (RFC 9112 §7.1) as far as the bytes go; the request once
    /// the last chunk and the trailer section have arrived. Trailer fields are checked
    /// and counted against the header limits, then dropped.
    mutating func readChunked(_ chunked: ChunkedBody) throws(HTTPParseError) -> HTTPRequest? {
        var body = chunked
        defer { if case .chunked = state { state = .chunked(body) } }
        while true {
            switch body.part {
            case .size:
                let tooLong = HTTPParseError(.malformedRequest, "a chunk-size line longer than \(limits.chunkLineByteCountMax) bytes")
                guard let (line, _) = try readLine(limit: limits.chunkLineByteCountMax, tooLong: tooLong) else { return nil }
                let size = try Self.parseChunkSize(line)
                let (total, overflow) = body.body.count.addingReportingOverflow(size)
                guard !overflow, total <= body.byteCountMax else {
                    throw HTTPParseError(.bodyTooLarge, "the chunked body exceeds this route's \(body.byteCountMax) bytes")
                }
                body.part = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                let taken = min(remaining, bufferedByteCount)
                body.body.append(contentsOf: buffer[start..<(start + taken)])
                start += taken
                lineScanPosition = start
                guard taken == remaining else {
                    body.part = .data(remaining: remaining - taken)
                    return nil
                }
                body.part = .dataEnd
            case .dataEnd:
                let missing = HTTPParseError(.malformedRequest, "chunk data not followed by CRLF")
                guard let (line, _) = try readLine(limit: 2, tooLong: missing) else { return nil }
                guard line.isEmpty else { throw missing }
                body.part = .size
            case .trailers:
                guard let request = try readTrailerLine(&body) else { return nil }
                return request
            }
        }
    }

    /// Reads one trailer line; the request at the empty line that ends the section.
    private mutating func readTrailerLine(_ body: inout ChunkedBody) throws(HTTPParseError) -> HTTPRequest? {
        while true {
            guard let (line, byteCount) = try readLine(limit: limits.headerByteCountMax - body.headerByteCount,
                                                       tooLong: Self.headersTooLarge(limits)) else { return nil }
            body.headerByteCount += byteCount
            if line.isEmpty {
                state = .requestLine(emptyLineCount: 0)
                return HTTPRequest(head: body.head, body: body.body)
            }
            guard body.headerCount < limits.headerCountMax else {
                throw HTTPParseError(.headersTooLarge, "more than \(limits.headerCountMax) header and trailer fields")
            }
            _ = try Self.parseField(line)
            body.headerCount += 1
        }
    }

    /// `chunk-size [ BWS ";" chunk-ext ]`: the size in hexadecimal; extensions are ignored.
    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = HTTPSyntax.hexValue(line[index]) {
            let (times, overflowTimes) = size.multipliedReportingOverflow(by: 16)
            let (sum, overflowSum) = times.addingReportingOverflow(digit)
            guard !overflowTimes, !overflowSum else {
                throw HTTPParseError(.bodyTooLarge, "a chunk size beyond any body limit")
            }
            size = sum
            index += 1
        }
        guard index > line.startIndex else { throw HTTPParseError(.malformedRequest, "a chunk-size line without a size") }
        let rest = line[index...].drop(while: HTTPSyntax.isWhitespace)
        guard rest.isEmpty || rest.first == UInt8(ascii: ";") else {
            throw HTTPParseError(.malformedRequest, "unexpected bytes after a chunk size")
        }
        guard rest.allSatisfy({ HTTPSyntax.isFieldValueCharacter($0) }) else {
            throw HTTPParseError(.malformedRequest, "a control character in a chunk extension")
        }
        return size
    }
}
