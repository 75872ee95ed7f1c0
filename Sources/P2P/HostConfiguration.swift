/// A host's identity details and limits.
public struct HostConfiguration: Sendable {
    public var agentVersion = "oln/0.1.0"
    public var protocolVersion = "ipfs/0.1.0"
    public var limits: ConnectionLimits = .standard
    public var connection: ConnectionConfiguration = .standard

    public init() {}

    public static let standard = HostConfiguration()
}
