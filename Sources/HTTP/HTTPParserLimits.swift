/// The bounds of `HTTPRequestParser`; a request that exceeds one is refused with the
/// status its error names.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Bytes of the request line, line ending included (414 URI Too Long past it).
    public var requestLineByteCountMax: Int
    /// Bytes of every header line together, line endings included (431 past it). Trailer
    /// fields of a chunked body count against the same budget.
    public var headerByteCountMax: Int
    /// Header fields in one request (431 past it); trailers count too.
    public var headerCountMax: Int
    /// Body bytes, when the caller's per-request rule does not say otherwise (413 past it).
    public var bodyByteCountMax: Int
    /// Bytes of one chunk-size line, extensions included (400 past it).
    public var chunkLineByteCountMax: Int
    /// Empty lines tolerated before a request line (RFC 9112 §2.2; 400 past it).
    public var leadingEmptyLineCountMax: Int

    /// Limits; every value must be positive (zero for `leadingEmptyLineCountMax` is allowed).
    public init(requestLineByteCountMax: Int = 8192, headerByteCountMax: Int = 32_768, headerCountMax: Int = 100,
                bodyByteCountMax: Int = 1 << 20, chunkLineByteCountMax: Int = 1024, leadingEmptyLineCountMax: Int = 4) {
        precondition(requestLineByteCountMax > 0 && headerByteCountMax > 0 && headerCountMax > 0
                     && bodyByteCountMax >= 0 && chunkLineByteCountMax > 0 && leadingEmptyLineCountMax >= 0,
                     "parser limits must be positive")
        self.requestLineByteCountMax = requestLineByteCountMax
        self.headerByteCountMax = headerByteCountMax
        self.headerCountMax = headerCountMax
        self.bodyByteCountMax = bodyByteCountMax
        self.chunkLineByteCountMax = chunkLineByteCountMax
        self.leadingEmptyLineCountMax = leadingEmptyLineCountMax
    }

    /// The defaults: 8 KiB request line, 32 KiB and 100 header fields, 1 MiB body.
    public static let standard = HTTPParserLimits()
}
