/// Why a request to a peer (``NodeRuntime/request(_:to:protocolID:responseByteCountMax:timeout:completion:)``)
/// got no reply.
public enum RequestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The node has no connection to the peer.
    case notConnected
    /// The peer does not speak the protocol.
    case refused
    /// The peer ended the stream, or the connection ended, before the whole reply came (a
    /// busy peer resets the streams past its limits).
    case closed
    /// The reply was longer than allowed or followed by more bytes.
    case malformedReply(String)
    /// No whole reply within the timeout.
    case timedOut
    /// The node stopped.
    case stopped

    public var description: String {
        switch self {
        case .notConnected: "not connected to the peer"
        case .refused: "the peer does not speak the protocol"
        case .closed: "the stream ended before the reply (the peer may be busy)"
        case .malformedReply(let reason): "a malformed reply: \(reason)"
        case .timedOut: "no reply in time"
        case .stopped: "the node stopped"
        }
    }
}
