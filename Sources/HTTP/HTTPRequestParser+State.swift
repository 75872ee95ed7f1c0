extension HTTPRequestParser {
    /// Where the parser is within the current request.
    enum State: Sendable {
        /// Before a request line (after `emptyLineCount` empty lines).
        case requestLine(emptyLineCount: Int)
        /// Reading header lines.
        case headers(HeadBuilder)
        /// Reading a body of known length.
        case contentBody(ContentBody)
        /// Reading a chunked body.
        case chunked(ChunkedBody)
        /// A violation was found; the connection must close.
        case failed(HTTPParseError)
    }

    /// A request head being read.
    struct HeadBuilder: Sendable {
        let method: HTTPMethod
        let target: String
        let version: HTTPVersion
        var headers = HTTPHeaders()
        /// Bytes of the header lines read so far, line endings included.
        var byteCount = 0

        init(method: HTTPMethod, target: String, version: HTTPVersion) {
            self.method = method
            self.target = target
            self.version = version
        }

        var head: HTTPRequestHead {
            HTTPRequestHead(method: method, target: target, version: version, headers: headers)
        }
    }

    /// A Content-Length body being read.
    struct ContentBody: Sendable {
        let head: HTTPRequestHead
        var body: [UInt8]
        var remaining: Int
    }

    /// A chunked body being read.
    struct ChunkedBody: Sendable {
        /// The part of the chunked coding expected next.
        enum Part: Sendable {
            case size
            case data(remaining: Int)
            case dataEnd
            case trailers
        }

        let head: HTTPRequestHead
        let byteCountMax: Int
        var body: [UInt8] = []
        var part = Part.size
        /// Header bytes and fields so far (the head's, then trailers').
        var headerByteCount: Int
        var headerCount: Int
    }
}
