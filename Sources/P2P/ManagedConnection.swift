import Identity
import Wire

/// A connection with what the host keeps beside it.
struct ManagedConnection: Sendable {
    /// What the host does with each stream it handles itself.
    enum HostStream: Sendable {
        /// Identify (outbound) or identify-push (inbound): the peer's message arrives here.
        case identifyReceiving(VarintFrameDecoder)
        /// Identify (inbound) or identify-push (outbound): our message goes out, then FIN.
        case identifySending
        case pingOutbound(PingExchange)
        case pingInbound(PingExchange)
        case application(String)
    }

    var connection: Connection
    let remoteAddress: Multiaddr
    let inbound: Bool
    var isEstablished = false
    var streams: [UInt32: HostStream] = [:]
    /// The outbound ping stream, and pings waiting for it to negotiate.
    var pingStream: UInt32?
    var pendingPingPayloads: [[UInt8]] = []
    /// Application streams opened here whose protocol is not agreed yet.
    var pendingApplicationStreams: Set<UInt32> = []

    var peerID: PeerID? { connection.remotePeerID }

    /// The IP part of the remote address, for the per-address limit.
    var remoteHost: String {
        remoteAddress.hostText
    }
}
