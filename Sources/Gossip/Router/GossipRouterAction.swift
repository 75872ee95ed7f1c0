import Identity

/// What the router asks its caller to do.
public enum GossipRouterAction: Sendable, Equatable {
    /// Send `rpc` to `peer` on its pubsub stream (already restricted to the peer's version).
    case send(PeerID, GossipRPC)
    /// Hand a validated message, with its id, to the local application.
    case deliver(GossipMessage, GossipMessageID)
    /// Close the connection to `peer`.
    case disconnect(PeerID, GossipDisconnectReason)
    /// Connect to `peer` if its address is known (it is not connected now): a peer offered
    /// in a PRUNE (peer exchange), or a direct peer to reconnect.
    case connect(PeerID, GossipConnectReason)
    /// Run the topic's asynchronous validator on `message` (id `id`, first received from
    /// `from`) and report with `GossipRouter.validationResult(_:for:now:)`; the router holds
    /// the message, undelivered and unforwarded, until then or until `validationTimeout`.
    case validate(GossipMessage, GossipMessageID, from: PeerID)
}
