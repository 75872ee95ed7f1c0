import Yamux

/// Limits and protocol choices for one connection.
public struct ConnectionConfiguration: Sendable {
    /// How long TCP-to-muxer set-up may take before the connection is dropped.
    public var handshakeTimeout: Duration = .seconds(10)
    /// Protocols accepted on streams the remote opens.
    public var inboundProtocols: Set<String> = [ProtocolID.identify, ProtocolID.identifyPush, ProtocolID.ping]
    public var yamux: YamuxConfiguration = .standard

    public init() {}

    public static let standard = ConnectionConfiguration()
}
