/// Writes responses as bytes (RFC 9112 §4, §6, §7.1): the status line, the header fields,
/// and the body framed by Content-Length, by the chunked coding, or by closing the
/// connection (the only way to stream to an HTTP/1.0 client).
///
///     HTTP/1.1 200 OK CRLF            HTTP/1.1 200 OK CRLF
///     Content-Length: 5 CRLF          Transfer-Encoding: chunked CRLF
///     CRLF                            CRLF
///     hello                           5 CRLF hello CRLF … 0 CRLF CRLF
public enum HTTPResponseSerializer {
    /// How a streamed body is delimited.
    public enum StreamFraming: Sendable, Equatable {
        /// Chunks, ended by `lastChunk` (HTTP/1.1).
        case chunked
        /// Raw bytes, ended by closing the connection (HTTP/1.0).
        case untilClose
    }

    /// `response` with a Content-Length; `closing` adds `Connection: close`, and
    /// `omittingBody` leaves the body out (answers to HEAD; the length stays).
    public static func serialize(_ response: HTTPResponse, closing: Bool, omittingBody: Bool = false) -> [UInt8] {
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        var bytes = head(response.status, headers, closing: closing)
        if !omittingBody { bytes += response.body }
        return bytes
    }

    /// The head of a streamed response framed by `framing`; `closing` adds `Connection: close`
    /// (always the case for `.untilClose`).
    public static func serialize(_ head: HTTPResponseHead, framing: StreamFraming, closing: Bool) -> [UInt8] {
        var headers = head.headers
        headers.remove("Content-Length")
        switch framing {
        case .chunked: headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
        case .untilClose: headers.remove("Transfer-Encoding")
        }
        return self.head(head.status, headers, closing: closing || framing == .untilClose)
    }

    /// One chunk of a chunked body; nothing for empty bytes (an empty chunk would end the body).
    public static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        return Array(String(bytes.count, radix: 16).utf8) + [0x0D, 0x0A] + bytes + [0x0D, 0x0A]
    }

    /// The last chunk and an empty trailer section, which end a chunked body.
    public static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    /// `100 Continue`, sent to a client that waits before sending its body.
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static func head(_ status: HTTPStatus, _ headers: HTTPHeaders, closing: Bool) -> [UInt8] {
        var headers = headers
        if closing { headers.replaceOrAdd(name: "Connection", value: "close") }
        var text = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for (name, value) in headers {
            precondition(!name.isEmpty && name.utf8.allSatisfy(HTTPSyntax.isTokenCharacter), "header name \(name) is not a token")
            precondition(value.utf8.allSatisfy(HTTPSyntax.isFieldValueCharacter), "header \(name)'s value holds a control character")
            text += "\(name): \(value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }
}
