/// How many connections a host holds, and how fast it retries failed dials.
public struct ConnectionLimits: Sendable {
    public var inboundCountMax = 256
    public var outboundCountMax = 128
    /// Inbound connections from one IP address.
    public var perAddressCountMax = 8
    /// The first retry delay after a failed dial; it doubles up to `dialBackoffMax`.
    public var dialBackoffBase: Duration = .seconds(1)
    public var dialBackoffMax: Duration = .seconds(300)

    public init() {}

    public static let standard = ConnectionLimits()
}
