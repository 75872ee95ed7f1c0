/// Counters of everything a `YamuxSession` sent, received, dropped or refused.
public struct YamuxStatistics: Sendable, Equatable {
    /// Frames received, counted when their header is complete.
    public internal(set) var framesReceived = 0
    /// Frames handed out by `takeOutbound()` or queued for it.
    public internal(set) var framesSent = 0
    /// Bytes received (headers and payloads).
    public internal(set) var bytesReceived = 0
    /// Bytes handed out by `takeOutbound()`.
    public internal(set) var bytesSent = 0
    /// Data payload bytes delivered to the application.
    public internal(set) var dataBytesDelivered = 0
    /// Data payload bytes sent.
    public internal(set) var dataBytesSent = 0
    /// Streams this session opened.
    public internal(set) var streamsOpenedLocally = 0
    /// Streams the peer opened and the session took (refused ones are not counted here).
    public internal(set) var streamsOpenedByPeer = 0
    /// Streams the peer opened and the session reset at once: over a limit, or going away.
    public internal(set) var streamsRefused = 0
    /// Streams the application reset.
    public internal(set) var streamsResetLocally = 0
    /// Streams the peer reset, including streams it opened with SYN and RST together.
    public internal(set) var streamsResetByPeer = 0
    /// Streams closed by FIN in both directions.
    public internal(set) var streamsClosed = 0
    /// Frames for streams whose state was already gone (closed, reset or refused).
    public internal(set) var framesForClosedStreams = 0
    /// Data payload bytes dropped because their stream's state was gone.
    public internal(set) var dataBytesDiscarded = 0
    /// Pings the peer sent and this session answered.
    public internal(set) var pingsAnswered = 0
    /// Ping responses that matched no outstanding ping.
    public internal(set) var pongsUnmatched = 0
    /// Pongs and refusals not queued because `responseByteCountMax` was reached.
    public internal(set) var responsesDropped = 0
    /// Protocol violations by kind (at most one per session: the first is fatal).
    public internal(set) var violations: [YamuxViolation: Int] = [:]

    public init() {}
}
