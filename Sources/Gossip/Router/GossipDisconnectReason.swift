/// Why the router asks for a peer to be disconnected.
public enum GossipDisconnectReason: Sendable, Equatable {
    /// The router already tracks `GossipRouterConfiguration.peerCountMax` peers.
    case peerLimitReached
}
