import Wire

/// Every way a peer's multistream-select bytes can be wrong.
///
/// The negotiation never traps on received bytes; it throws one of these instead, after
/// which the connection or stream should be closed.
public enum MultistreamError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A message's length prefix announces more than `limit` bytes (text plus newline).
    case messageTooLong(limit: Int)
    /// A message's length prefix is not a valid minimal varint.
    case malformedLength(WireError)
    /// A message is empty or does not end in a newline.
    case missingNewline
    /// A message's text is not valid UTF-8.
    case invalidUTF8
    /// The peer's first message is not `/multistream/1.0.0`; carries what it sent instead.
    case wrongHeader(String)
    /// The dialer sent more than `limit` proposals that the listener could not accept.
    case tooManyProposals(limit: Int)
    /// The listener answered a proposal with neither its echo nor `na`; carries the answer.
    case unexpectedMessage(String)

    /// A sentence that tells a user what is wrong.
    public var description: String {
        switch self {
        case .messageTooLong(let limit):
            "A multistream-select message is longer than the limit of \(limit) bytes."
        case .malformedLength(let error):
            "A multistream-select length prefix is malformed: \(error)"
        case .missingNewline:
            "A multistream-select message does not end in a newline."
        case .invalidUTF8:
            "A multistream-select message is not valid UTF-8 text."
        case .wrongHeader(let text):
            "The peer does not speak /multistream/1.0.0; its first message was \"\(text)\"."
        case .tooManyProposals(let limit):
            "The peer proposed more than \(limit) protocols that are not supported."
        case .unexpectedMessage(let text):
            "The peer answered a protocol proposal with \"\(text)\" instead of its echo or na."
        }
    }
}
