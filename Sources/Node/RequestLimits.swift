/// The bounds of a request/response protocol a node serves (``RequestService``): how long a
/// request and its reply may be, how many requests may be in flight, and how long each part
/// of an exchange may take.
public struct RequestLimits: Sendable, Equatable {
    /// The longest request; a peer that announces a longer one is dropped.
    public var requestByteCountMax: Int
    /// The longest reply the handler may give; a longer one is not sent (the stream is reset).
    public var responseByteCountMax: Int
    /// Requests one peer may have in flight at once; streams past it are reset.
    public var perPeerRequestCountMax: Int
    /// Requests all peers together may have in flight at once; streams past it are reset.
    public var requestCountMax: Int
    /// How long a peer has, from opening the stream, to send its whole request.
    public var requestTimeout: Duration
    /// How long the reply may take, from the request's arrival until it has left.
    public var responseTimeout: Duration

    /// Limits; every count and duration must be positive.
    public init(requestByteCountMax: Int, responseByteCountMax: Int, perPeerRequestCountMax: Int = 4,
                requestCountMax: Int = 64, requestTimeout: Duration = .seconds(10),
                responseTimeout: Duration = .seconds(300)) {
        precondition(requestByteCountMax > 0 && responseByteCountMax > 0 && perPeerRequestCountMax > 0
                     && requestCountMax > 0 && requestTimeout > .zero && responseTimeout > .zero,
                     "request limits must be positive")
        self.requestByteCountMax = requestByteCountMax
        self.responseByteCountMax = responseByteCountMax
        self.perPeerRequestCountMax = perPeerRequestCountMax
        self.requestCountMax = requestCountMax
        self.requestTimeout = requestTimeout
        self.responseTimeout = responseTimeout
    }
}
