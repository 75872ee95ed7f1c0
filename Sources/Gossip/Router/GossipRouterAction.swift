import Identity

/// What the router asks its caller to do.
public enum GossipRouterAction: Sendable, Equatable {
    /// Send `rpc` to `peer` on its pubsub stream (already restricted to the peer's version).
    case send(PeerID, GossipRPC)
    /// Hand a validated message, with its id, to the local application.
    case deliver(GossipMessage, GossipMessageID)
    /// Close the connection to `peer`.
    case disconnect(PeerID, GossipDisconnectReason)
}
