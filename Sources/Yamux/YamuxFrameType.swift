/// The type byte of a yamux frame header.
public enum YamuxFrameType: UInt8, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// Stream data; the header is followed by `length` payload bytes.
    case data = 0
    /// Grows the receiver's send window of a stream by `length` bytes.
    case windowUpdate = 1
    /// A ping (SYN) or its response (ACK) on stream 0; `length` is an opaque value.
    case ping = 2
    /// Ends the session on stream 0; `length` is a `YamuxGoAwayCode`.
    case goAway = 3

    /// Whether frames of this type belong to a stream (as opposed to the session, stream 0).
    public var isStreamFrame: Bool {
        self == .data || self == .windowUpdate
    }

    public var description: String {
        switch self {
        case .data: "data"
        case .windowUpdate: "window update"
        case .ping: "ping"
        case .goAway: "go away"
        }
    }
}
