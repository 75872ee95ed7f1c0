import Multistream

/// A yamux stream as the connection tracks it: agreeing on a protocol, or carrying one.
enum StreamState: Sendable {
    case negotiating(MultistreamNegotiation, inbound: Bool)
    case open(protocolID: String)
}
