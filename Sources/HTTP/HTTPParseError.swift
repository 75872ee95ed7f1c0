/// Why a request was refused: the peer broke HTTP/1.1's grammar or one of the limits.
/// `status` is the response to send before closing the connection.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: String, Sendable, Equatable {
        /// The request line, a header line or the chunked framing is malformed (400).
        case malformedRequest
        /// Header fields that contradict each other or HTTP's rules: no Host in HTTP/1.1,
        /// two Hosts, conflicting Content-Length, Content-Length beside Transfer-Encoding (400).
        case invalidHeaders
        /// The request line is longer than `requestLineByteCountMax` (414).
        case requestLineTooLong
        /// The header section is larger than `headerByteCountMax` or holds more than
        /// `headerCountMax` fields (431).
        case headersTooLarge
        /// The body is larger than the limit for its route (413).
        case bodyTooLarge
        /// A transfer coding other than chunked (501).
        case unsupportedTransferCoding
        /// An `Expect` other than `100-continue` (417).
        case unsupportedExpectation
        /// A major protocol version other than 1 (505).
        case unsupportedVersion
        /// The request was not read completely within the timeout (408).
        case requestTimeout
    }

    /// The class of problem.
    public let kind: Kind
    /// A sentence saying what was wrong.
    public let message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The response status that reports this error.
    public var status: HTTPStatus {
        switch kind {
        case .malformedRequest, .invalidHeaders: .badRequest
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedTransferCoding: .notImplemented
        case .unsupportedExpectation: .expectationFailed
        case .unsupportedVersion: .httpVersionNotSupported
        case .requestTimeout: .requestTimeout
        }
    }

    public var description: String { "\(status): \(message)" }
}
