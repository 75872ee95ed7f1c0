// Network: runs the sans-IO libp2p `P2PHost` on IO's libuv sockets.
//
// Owns `P2PNode`, which listens and dials over TCP, hands each socket's bytes to the host,
// writes and closes what the host asks, ticks the host's deadlines every second, reseals
// the host's signed peer record (sequence number: the wall clock in milliseconds) when it
// starts listening, and reports host events to its owner. `GossipNode` runs a gossipsub
// router on it and dials the peers offered in PRUNEs at their signed records' addresses.
// Everything happens on the node's loop thread; a slow reader whose write queue overflows
// is cut off rather than buffered without bound.
//
// May import: IO, P2P, Identity, Wire, Sodium, Foundation.
import Wire

/// Where a TCP multiaddr points.
struct TCPEndpoint: Equatable, Sendable {
    let host: String
    let port: UInt16

    /// The IP and port of `/ip4/…/tcp/…` or `/ip6/…/tcp/…` (anything after is ignored).
    init?(_ address: Multiaddr) {
        guard address.components.count >= 2, case .tcp(let port) = address.components[1] else { return nil }
        switch address.components[0] {
        case .ip4, .ip6: host = address.components[0].valueText
        default: return nil
        }
        self.port = port
    }
}
