/// One end of a TCP socket: an IP address literal, a port and the address family.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address family of a socket address.
    public enum Family: Hashable, Sendable {
        case ipv4
        case ipv6
    }

    /// The address as text: `"127.0.0.1"`, `"::1"`.
    public var host: String
    /// The TCP port.
    public var port: UInt16
    /// IPv4 or IPv6.
    public var family: Family

    /// Creates an address from its parts.
    public init(host: String, port: UInt16, family: Family) {
        self.host = host
        self.port = port
        self.family = family
    }

    /// `"127.0.0.1:4001"` or `"[::1]:4001"`.
    public var description: String {
        switch family {
        case .ipv4:
            return "\(host):\(port)"
        case .ipv6:
            return "[\(host)]:\(port)"
        }
    }
}
