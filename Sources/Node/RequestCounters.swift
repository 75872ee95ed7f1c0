/// What happened to the requests of one protocol a node serves (``NodeRuntime/requestCounters(for:)``).
public struct RequestCounters: Sendable, Equatable {
    /// Replies written whole.
    public var served = 0
    /// Streams reset because the peer, or all peers together, had as many requests in
    /// flight as the limits allow.
    public var refused = 0
    /// Requests over the length limit or malformed; their peers were dropped.
    public var malformed = 0
    /// Requests that did not arrive, or replies that did not leave, in time.
    public var timedOut = 0
    /// Exchanges the peer ended before the reply left, and replies the handler refused to
    /// give whole (longer than the limit).
    public var abandoned = 0

    public init() {}
}
