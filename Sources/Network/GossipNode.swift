import Foundation
import Gossip
import IO
import Identity
import P2P
import Wire

/// Gossipsub on a libp2p node: a `GossipRouter` attached to a `P2PNode`'s streams.
///
/// Each peer gets one outbound pubsub stream from us, negotiated as /meshsub/1.2.0, 1.1.0
/// or 1.0.0 (its version is the router's view of the peer); every RPC we send goes there,
/// metered by the stream's room (`GossipRouter.peerWritable`), so the router's queue keeps
/// control and own messages ahead of forwards and drops stale forwards when a peer reads
/// slowly. RPCs from the peer arrive on the stream it opened to us. The router's `.connect`
/// actions (peers offered in PRUNEs, direct peers to reconnect) are dialled at the addresses
/// of the signed peer record offered with the peer, or else at a TCP address the host's
/// peer store knows; `.validate` actions run the topic's worker validator on the worker
/// pool, or queue the message for its sliced validator. The signed peer records peers send
/// in identify go to the router, which offers them with their peers in its PRUNEs. Loop
/// thread only.
public final class GossipNode: @unchecked Sendable {
    public let node: P2PNode
    public internal(set) var router: GossipRouter
    /// Every message delivered to this node (after validation), with its id.
    public var onMessage: (GossipMessage, GossipMessageID) -> Void = { _, _ in }
    /// Host events, passed on after the gossip layer has seen them.
    public var onHostEvent: (HostEvent) -> Void = { _ in }
    /// RPCs that could not be written because the peer's stream was full or gone.
    public internal(set) var droppedSendCount = 0

    struct StreamKey: Hashable {
        let connection: ConnectionID
        let stream: UInt32
    }

    var outboundStreams: [PeerID: StreamKey] = [:]
    var pendingOutbound: [StreamKey: (peer: PeerID, dialled: Bool)] = [:]
    var inboundDecoders: [StreamKey: GossipRPCStreamDecoder] = [:]
    var connectionPeers: [ConnectionID: (peer: PeerID, dialled: Bool)] = [:]
    /// Per peer, the one framed RPC that did not fit its stream's room, written when the
    /// stream has room again (the router lets a metered peer's last RPC overrun).
    var overrunRPCs: [PeerID: [UInt8]] = [:]
    /// Whether `refreshMeters` is running, so that the `apply` calls it makes do not start it again.
    var isRefreshingMeters = false
    /// Most passes of `refreshMeters` after one batch of router actions.
    static let meterRefreshRoundsMax = 4
    /// RPCs from peers whose pubsub stream from us is still being negotiated: the router
    /// learns a peer (and its version) from that stream, so what the peer sent first waits.
    var heldRPCs: [PeerID: [GossipRPC]] = [:]
    /// The most RPCs held per peer until our stream to it is up; more are dropped and counted.
    public static let heldRPCCountMaxPerPeer = 16
    /// RPCs dropped because `heldRPCCountMaxPerPeer` were already held for the peer.
    public internal(set) var droppedReceiveCount = 0
    var heartbeatTimer: TimerHandle?
    var nextSequenceNumber: UInt64
    /// Validators that run on the worker pool, by topic (`setWorkerValidator`).
    var workerValidators: [String: GossipRouter.Validator] = [:]
    /// Validators that run on the loop thread in slices, by topic (`setSlicedValidator`).
    var slicedValidators: [String: GossipRouter.Validator] = [:]
    /// Messages waiting for their sliced validator, in arrival order (no more than the
    /// router holds for asynchronous validators, `validationCountMax`).
    var slicedQueue = ExpiryQueue<(message: GossipMessage, id: GossipMessageID)>()
    /// The slices draining `slicedQueue`, while it holds messages.
    var slicedValidationHandle: IdleHandle?
    /// Dials started for the router's `.connect` actions (peer exchange, direct peers).
    public internal(set) var connectDialCount = 0
    /// `.connect` actions not acted on: the peer store has no TCP address for the peer.
    public internal(set) var connectWithoutAddressCount = 0
    /// Signed peer records from peer-exchange offers that became their peer's newest in the
    /// host's peer store.
    public internal(set) var certifiedFromExchangeCount = 0
    /// `.connect` actions whose dial the host refused at once (dial back-off, limits).
    public internal(set) var connectDialRefusedCount = 0

    /// A node whose host also accepts pubsub streams; `seed` drives the router's random choices.
    public init(
        loop: EventLoop, identity: IdentityKey, hostConfiguration: HostConfiguration = .standard,
        routerConfiguration: GossipRouterConfiguration = GossipRouterConfiguration(), seed: UInt64
    ) {
        var configuration = hostConfiguration
        for version in GossipProtocolVersion.preferenceOrder {
            configuration.connection.inboundProtocols.insert(version.protocolID)
        }
        node = P2PNode(loop: loop, identity: identity, configuration: configuration)
        router = GossipRouter(localPeer: identity.peerID, identity: identity, configuration: routerConfiguration, seed: seed)
        // Sequence numbers start at the wall-clock time in nanoseconds, so a restarted node
        // does not repeat the message ids of its previous run.
        nextSequenceNumber = UInt64(max(Date().timeIntervalSince1970, 0) * 1e9)
        node.onEvent = { [weak self] event in self?.handle(event) }
    }

    /// Joins a topic; its messages arrive through `onMessage`.
    public func subscribe(_ topic: String) {
        startHeartbeat()
        apply(router.subscribe(topic, now: node.loop.now))
    }

    public func unsubscribe(_ topic: String) {
        apply(router.unsubscribe(topic, now: node.loop.now))
    }

    /// Publishes `data` on `topic`, signed with the node's key; returns the message id and
    /// how many peers it was sent to.
    public func publish(_ data: [UInt8], topic: String) throws(GossipPublishError) -> (id: GossipMessageID, peerCount: Int) {
        startHeartbeat()
        nextSequenceNumber &+= 1
        let (id, actions) = try router.publish(data, topic: topic, seqno: nextSequenceNumber, now: node.loop.now)
        let peers = Set(actions.compactMap { action -> PeerID? in
            if case .send(let peer, let rpc) = action, !rpc.messages.isEmpty { return peer }
            return nil
        })
        apply(actions)
        return (id, peers.count)
    }

    /// Publishes several messages on `topic` at once: they leave together, in as few RPCs
    /// per peer as fit (a relay or load generator handing on many transactions). Returns
    /// each message's id or why it was refused.
    public func publish(_ messages: [[UInt8]], topic: String) -> [Result<GossipMessageID, GossipPublishError>] {
        startHeartbeat()
        let firstSeqno = nextSequenceNumber &+ 1
        nextSequenceNumber &+= UInt64(messages.count)
        let (results, actions) = router.publish(messages, topic: topic, firstSeqno: firstSeqno, now: node.loop.now)
        apply(actions)
        return results
    }

    /// Sets the application's validator of a topic's messages, run on the loop thread
    /// during the router's receive call (this replaces a worker validator of the topic).
    public func setValidator(_ validator: GossipRouter.Validator?, for topic: String) {
        workerValidators[topic] = nil
        slicedValidators[topic] = nil
        router.setValidator(validator, for: topic)
    }

    /// Sets a validator of a topic's messages that runs on the event loop's worker pool:
    /// the router holds each new message (at most `validationCountMax`, each for at most
    /// `validationTimeout`), the validator runs off the loop thread, and its result comes
    /// back to the router on the loop thread. Use it for costly checks (signatures over
    /// batches, proofs). `setValidator(nil, for:)` removes it; messages already handed to
    /// it still finish.
    public func setWorkerValidator(_ validator: @escaping GossipRouter.Validator, for topic: String) {
        slicedValidators[topic] = nil
        workerValidators[topic] = validator
        router.setValidation(.asynchronous, for: topic)
    }

    /// Sets a validator of a topic's messages that runs on the loop thread, but not while
    /// the message is read: the router holds each new message (at most
    /// `validationCountMax`, each for at most `validationTimeout`), messages wait in arrival
    /// order, and they are validated at most `slicedValidationDuration` at a time, once per
    /// loop iteration, so timers and other topics' messages are handled in between. Use it
    /// for a topic that can arrive in floods (transactions) whose validator must run on the
    /// loop thread: a flood then delays the topic's own messages, not consensus.
    /// `setValidator(nil, for:)` removes it; the messages still waiting are dropped by the
    /// router's validation timeout.
    public func setSlicedValidator(_ validator: @escaping GossipRouter.Validator, for topic: String) {
        workerValidators[topic] = nil
        slicedValidators[topic] = validator
        router.setValidation(.asynchronous, for: topic)
    }

    /// How long one slice of sliced validation runs at most (it finishes the message it
    /// started).
    public static let slicedValidationDuration: Duration = .milliseconds(2)

    func startHeartbeat() {
        guard heartbeatTimer == nil else { return }
        let interval = router.configuration.heartbeatInterval
        heartbeatTimer = node.loop.scheduleTimer(after: interval, repeating: interval) { [weak self] in
            guard let self else { return }
            self.apply(self.router.heartbeat(now: self.node.loop.now))
        }
    }

    /// Stops the heartbeat and closes the node.
    public func shutdown() {
        heartbeatTimer?.cancel()
        heartbeatTimer = nil
        node.shutdown()
    }
}
