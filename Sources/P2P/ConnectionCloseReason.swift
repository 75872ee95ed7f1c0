import Multistream
import Noise
import Wire
import Yamux

/// Why a connection ended. Each is logged and counted by the host; none affects other
/// connections.
public enum ConnectionCloseReason: Error, Equatable, Sendable, CustomStringConvertible {
    case negotiationFailed(MultistreamError)
    case securityNotSupported
    case muxerNotSupported
    case secureChannelFailed(NoiseError)
    case muxerFailed(YamuxError)
    case handshakeTimedOut(Duration)
    case closedLocally
    case closedByRemote
    /// Both peers dialled each other; this one lost the tie-break.
    case duplicateConnection
    /// The TCP connect failed (reported by the IO layer).
    case dialFailed(String)

    public var description: String {
        switch self {
        case .negotiationFailed(let error): return "protocol negotiation failed: \(error)"
        case .securityNotSupported: return "the peer does not speak /noise"
        case .muxerNotSupported: return "the peer does not speak /yamux/1.0.0"
        case .secureChannelFailed(let error): return "secure channel failed: \(error)"
        case .muxerFailed(let error): return "stream multiplexer failed: \(error)"
        case .handshakeTimedOut(let limit): return "the connection was not set up within \(limit)"
        case .closedLocally: return "closed by this node"
        case .closedByRemote: return "closed by the peer"
        case .duplicateConnection: return "a connection to this peer already exists"
        case .dialFailed(let reason): return "could not connect: \(reason)"
        }
    }

    /// A short stable name for counting closes by kind.
    public var kind: String {
        switch self {
        case .negotiationFailed: return "negotiation"
        case .securityNotSupported: return "security_unsupported"
        case .muxerNotSupported: return "muxer_unsupported"
        case .secureChannelFailed: return "noise"
        case .muxerFailed: return "yamux"
        case .handshakeTimedOut: return "handshake_timeout"
        case .closedLocally: return "local"
        case .closedByRemote: return "remote"
        case .duplicateConnection: return "duplicate"
        case .dialFailed: return "dial_failed"
        }
    }
}
