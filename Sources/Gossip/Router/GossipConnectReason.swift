import Identity

/// Why the router asks for a connection to a peer.
public enum GossipConnectReason: Sendable, Equatable {
    /// `offeredBy` named the peer in a PRUNE (v1.1 peer exchange), and its score reached
    /// the accept-PX threshold. With `record` (the peer's signed peer record, verified and
    /// naming the peer), the transport can dial the record's addresses, even for a peer
    /// never seen before; without, only an address it already knows.
    case peerExchange(offeredBy: PeerID, record: SignedPeerRecord?)
    /// A configured direct peer that is not connected.
    case directPeer
}
