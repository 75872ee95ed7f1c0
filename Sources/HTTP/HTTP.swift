// HTTP: HTTP/1.1 for the node's API, sans-IO. Bytes and `now` go in, requests and bytes
// to write come out; the socket, the clock and the application live elsewhere
// (InferenceAPI runs it on IO's sockets).
//
// What it owns
//   HTTPRequestParser     a bounded request parser fed bytes as they arrive: request line,
//                         headers, Content-Length and chunked bodies, `Expect: 100-continue`
//   HTTPServerConnection  one connection's state: bytes in → requests out, responses and
//                         streams in → bytes out, keep-alive, pipelining, timeouts, close
//   HTTPResponseSerializer  status line and headers, Content-Length or chunked framing
//   ServerSentEvent       `data: …\n\n` framing for streamed answers, and `data: [DONE]`
//   HTTPRouter            method + path → handler, `{name}` path parameters, 404 / 405
//   HTTPQuery             query strings, percent-decoded
//   MetricsRegistry       counters and gauges rendered in Prometheus' text format
//
// It imports Synchronization (the metrics registry's lock) and nothing from the project.
//
// A request as the parser reads it (RFC 9112), every part bounded:
//
//   GET /v1/models?x=1 HTTP/1.1 CRLF          request line  ≤ requestLineByteCountMax   (414)
//   Host: 127.0.0.1 CRLF                      header lines  ≤ headerCountMax,           (431)
//   Content-Length: 5 CRLF                                  ≤ headerByteCountMax        (431)
//   CRLF
//   hello                                     body          ≤ bodyByteCountMax          (413)
//
//   chunked body:  1*HEXDIG [;ext] CRLF data CRLF … 0 CRLF [trailer lines] CRLF
//
// Errors: every violation is an `HTTPParseError` whose `status` is the answer to send
// (400, 408, 413, 414, 417, 431, 501 for transfer codings other than chunked, 505); the
// connection sends it with `Connection: close` and closes.

/// The protocol version of a request or response: HTTP/1.0 or HTTP/1.1.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version (1).
    public let major: Int
    /// The minor version (0 or 1; later 1.x minors are read as 1.1).
    public let minor: Int

    /// A version; `major` and `minor` are single digits.
    public init(major: Int, minor: Int) {
        precondition((0...9).contains(major) && (0...9).contains(minor), "HTTP versions are single digits")
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// Whether this is HTTP/1.1 or a later 1.x (persistent connections, chunked coding).
    public var isAtLeastHTTP1_1: Bool { major == 1 && minor >= 1 }

    /// `HTTP/1.1`.
    public var description: String { "HTTP/\(major).\(minor)" }
}
