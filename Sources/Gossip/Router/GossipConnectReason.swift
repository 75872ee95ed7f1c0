import Identity

/// Why the router asks for a connection to a peer.
public enum GossipConnectReason: Sendable, Equatable {
    /// `offeredBy` named the peer in a PRUNE (v1.1 peer exchange), and its score reached
    /// the accept-PX threshold. Only the id is known: the transport dials the peer only if
    /// it already knows an address for it.
    case peerExchange(offeredBy: PeerID)
    /// A configured direct peer that is not connected.
    case directPeer
}
