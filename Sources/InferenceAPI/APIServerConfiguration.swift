import HTTP

/// How an `APIServer` listens: its address, its admin token, and the connection limits.
public struct APIServerConfiguration: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal (default 127.0.0.1: this machine only).
    public var host: String
    /// The port; 0 lets the system pick one (see `APIServer.localAddress`).
    public var port: UInt16
    /// The bearer token of write and admin routes; nil turns those routes off (403).
    public var adminToken: String?
    /// Keep-alive and request timeouts, and the pipelining bound.
    public var connectionLimits: HTTPConnectionLimits
    /// Request line, header and default body limits.
    public var parserLimits: HTTPParserLimits
    /// Open connections; more are closed at once.
    public var connectionCountMax: Int
    /// Bytes waiting to be written to one connection beyond what its socket queue takes;
    /// a client that reads slower than this is disconnected (its work is cancelled).
    public var outputBacklogByteCountMax: Int
    /// How often connection timeouts are checked.
    public var timeoutCheckInterval: Duration

    /// A configuration listening on `host`:`port`.
    public init(host: String = "127.0.0.1", port: UInt16 = 8080, adminToken: String? = nil,
                connectionLimits: HTTPConnectionLimits = .standard, parserLimits: HTTPParserLimits = .standard,
                connectionCountMax: Int = 1024, outputBacklogByteCountMax: Int = 8 << 20,
                timeoutCheckInterval: Duration = .milliseconds(500)) {
        precondition(connectionCountMax > 0 && outputBacklogByteCountMax > 0 && timeoutCheckInterval > .zero,
                     "server limits must be positive")
        self.host = host
        self.port = port
        self.adminToken = adminToken
        self.connectionLimits = connectionLimits
        self.parserLimits = parserLimits
        self.connectionCountMax = connectionCountMax
        self.outputBacklogByteCountMax = outputBacklogByteCountMax
        self.timeoutCheckInterval = timeoutCheckInterval
    }
}
