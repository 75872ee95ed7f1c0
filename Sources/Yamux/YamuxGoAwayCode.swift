/// The error code of a Go Away frame. Codes other than the three the specification defines
/// occur in the wild (go-libp2p sends 0x1005 when it garbage-collects a connection) and are
/// passed through unchanged.
public struct YamuxGoAwayCode: RawRepresentable, Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public init(integerLiteral value: UInt32) {
        self.init(rawValue: value)
    }

    /// Normal termination.
    public static let normal = YamuxGoAwayCode(rawValue: 0)
    /// The peer violated the protocol.
    public static let protocolError = YamuxGoAwayCode(rawValue: 1)
    /// The sender failed internally.
    public static let internalError = YamuxGoAwayCode(rawValue: 2)

    public var description: String {
        switch self {
        case .normal: "normal termination"
        case .protocolError: "protocol error"
        case .internalError: "internal error"
        default: "code \(rawValue)"
        }
    }
}
