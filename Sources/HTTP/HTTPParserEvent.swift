/// What `HTTPRequestParser.nextEvent()` found.
public enum HTTPParserEvent: Sendable, Equatable {
    /// The head of a request that sent `Expect: 100-continue`: its client waits for
    /// `100 Continue` before sending the body (the parser has already checked the declared
    /// length against the body limit). The request itself follows once its body is read.
    case continueExpected(HTTPRequestHead)
    /// A whole request.
    case request(HTTPRequest)
}
