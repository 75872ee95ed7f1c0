/// The timeouts and buffer bound of an `HTTPServerConnection`.
public struct HTTPConnectionLimits: Sendable, Equatable {
    /// How long an open connection may wait, with no request begun, before it is closed
    /// quietly (the keep-alive timeout).
    public var idleTimeout: Duration
    /// How long a request may take to arrive whole, from its first byte; past it the
    /// connection answers 408 and closes (it bounds slow senders).
    public var requestReadTimeout: Duration
    /// Bytes of later (pipelined) requests buffered while a response is under way; past it
    /// the connection asks for reading to pause until the response ends.
    public var pipelineByteCountMax: Int

    /// Limits; the timeouts must be positive and the bound non-negative.
    public init(idleTimeout: Duration = .seconds(60), requestReadTimeout: Duration = .seconds(30),
                pipelineByteCountMax: Int = 65_536) {
        precondition(idleTimeout > .zero && requestReadTimeout > .zero && pipelineByteCountMax >= 0,
                     "connection limits must be positive")
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
        self.pipelineByteCountMax = pipelineByteCountMax
    }

    /// The defaults: 60 s idle, 30 s to read a request, 64 KiB of pipelined bytes.
    public static let standard = HTTPConnectionLimits()
}
