import HTTP
import Tokenizers

/// How an `InferenceServer` listens and answers.
public struct InferenceServerConfiguration: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal (default 127.0.0.1: this machine only).
    public var host: String
    /// The port; 0 lets the system pick one (see `InferenceServer.localAddress`).
    public var port: UInt16
    /// The id under which the base model is listed and requested (`"model": "<id>"`).
    public var baseModelID: String
    /// The bearer token of write and admin routes; nil turns those routes off (403).
    public var adminToken: String?
    /// Keep-alive and request timeouts, and the pipelining bound.
    public var connectionLimits: HTTPConnectionLimits
    /// Request line, header and default body limits.
    public var parserLimits: HTTPParserLimits
    /// The body limit of the completion routes.
    public var completionBodyByteCountMax: Int
    /// Open connections; more are closed at once.
    public var connectionCountMax: Int
    /// Bytes waiting to be written to one connection beyond what its socket queue takes;
    /// a client that reads slower than this is disconnected (its generation is cancelled).
    public var outputBacklogByteCountMax: Int
    /// `max_tokens` when a request gives none (then also capped by what the context has left).
    public var defaultMaximumTokenCount: Int
    /// The largest `max_tokens` a request may ask for.
    public var maximumTokenCountMax: Int
    /// The chat template; nil uses the one recognised in the tokenizer's configuration.
    public var chatTemplate: ChatTemplate?
    /// How often connection timeouts are checked.
    public var timeoutCheckInterval: Duration

    /// The listening part, for a server of the inference routes' own.
    public var server: APIServerConfiguration {
        APIServerConfiguration(host: host, port: port, adminToken: adminToken, connectionLimits: connectionLimits,
                               parserLimits: parserLimits, connectionCountMax: connectionCountMax,
                               outputBacklogByteCountMax: outputBacklogByteCountMax,
                               timeoutCheckInterval: timeoutCheckInterval)
    }

    /// A configuration for the base model `baseModelID`, listening on `host`:`port`.
    public init(baseModelID: String, host: String = "127.0.0.1", port: UInt16 = 8080, adminToken: String? = nil,
                connectionLimits: HTTPConnectionLimits = .standard, parserLimits: HTTPParserLimits = .standard,
                completionBodyByteCountMax: Int = 4 << 20, connectionCountMax: Int = 1024,
                outputBacklogByteCountMax: Int = 8 << 20, defaultMaximumTokenCount: Int = 256,
                maximumTokenCountMax: Int = 32_768, chatTemplate: ChatTemplate? = nil,
                timeoutCheckInterval: Duration = .milliseconds(500)) {
        precondition(!baseModelID.isEmpty, "the base model needs an id")
        precondition(connectionCountMax > 0 && outputBacklogByteCountMax > 0 && defaultMaximumTokenCount > 0
                     && maximumTokenCountMax > 0 && completionBodyByteCountMax > 0 && timeoutCheckInterval > .zero,
                     "server limits must be positive")
        self.baseModelID = baseModelID
        self.host = host
        self.port = port
        self.adminToken = adminToken
        self.connectionLimits = connectionLimits
        self.parserLimits = parserLimits
        self.completionBodyByteCountMax = completionBodyByteCountMax
        self.connectionCountMax = connectionCountMax
        self.outputBacklogByteCountMax = outputBacklogByteCountMax
        self.defaultMaximumTokenCount = defaultMaximumTokenCount
        self.maximumTokenCountMax = maximumTokenCountMax
        self.chatTemplate = chatTemplate
        self.timeoutCheckInterval = timeoutCheckInterval
    }
}
