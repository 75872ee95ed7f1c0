import Identity

/// The router's parameters: the gossipsub v1.1/v1.2 defaults of go-libp2p-pubsub, the
/// score parameters and thresholds, topic options and the limits on everything that grows.
public struct GossipRouterConfiguration: Sendable {
    /// D: the mesh degree aimed at.
    public var meshDegree = 6
    /// D_lo: below this the heartbeat grafts up to D.
    public var meshDegreeLow = 5
    /// D_hi: above this the heartbeat prunes down to D.
    public var meshDegreeHigh = 12
    /// D_score: peers kept by score when pruning an oversized mesh.
    public var meshDegreeScore = 4
    /// D_out: outbound peers kept in every mesh of at least D_lo peers.
    public var meshOutboundMin = 2
    /// D_lazy: the fewest peers gossip (IHAVE) is emitted to per topic and heartbeat.
    public var gossipDegree = 6
    /// The share of eligible non-mesh peers gossiped to, when more than D_lazy.
    public var gossipFactor = 0.25
    /// The heartbeat interval the caller keeps; also the score decay interval.
    public var heartbeatInterval: Duration = .seconds(1)
    /// mcache windows kept.
    public var historyLength = 5
    /// mcache windows gossiped.
    public var gossipLength = 3
    /// How long a message id stays in the seen cache.
    public var seenTimeToLive: Duration = .seconds(120)
    /// A fanout topic unused this long is forgotten.
    public var fanoutTimeToLive: Duration = .seconds(60)
    /// The back-off asked in our PRUNEs and applied after them.
    public var pruneBackoff: Duration = .seconds(60)
    /// The back-off asked in the PRUNEs sent when we unsubscribe.
    public var unsubscribeBackoff: Duration = .seconds(10)
    /// Whether our own messages go to every subscribed peer above the publish threshold.
    public var floodPublish = true
    /// Messages with at least this many data bytes make us send IDONTWANT (v1.2).
    public var idontwantThreshold = 1024
    /// How many heartbeats a received IDONTWANT is remembered.
    public var idontwantHeartbeats = 3
    /// The most IDONTWANT ids remembered per peer; more are dropped and counted. The ids of
    /// messages a peer sent us while copies waited in its queue are bounded by it too.
    public var idontwantCountMaxPerPeer = 1000
    /// The most IHAVE control messages handled per peer per heartbeat (go `MaxIHaveMessages`).
    public var ihaveMessageCountMaxPerHeartbeat = 10
    /// The most ids asked per peer per heartbeat with IWANT (go `MaxIHaveLength`).
    public var iwantIDCountMaxPerHeartbeat = 5000
    /// The most ids one IHAVE we send carries.
    public var ihaveIDCountMax = 5000
    /// How long a peer has to deliver one of the ids we asked it for with IWANT before
    /// it earns a behaviour penalty (go `IWantFollowupTime`).
    public var iwantFollowupTime: Duration = .seconds(3)
    /// The most IWANT promises tracked at once; more are not tracked, and counted.
    public var promiseCountMax = 8192
    /// Heartbeats between opportunistic grafting rounds (go `OpportunisticGraftTicks`).
    public var opportunisticGraftHeartbeats = 60
    /// Peers grafted per topic in one opportunistic round (go `OpportunisticGraftPeers`).
    public var opportunisticGraftPeerCount = 2
    /// How often one peer is served one message in answer to IWANT.
    public var gossipRetransmissionMax = 3
    /// The most peers tracked; more are refused with `.disconnect`.
    public var peerCountMax = 4096
    /// The most topics a peer may announce; further subscriptions are dropped and counted.
    public var topicCountMaxPerPeer = 1024
    /// The most messages waiting in one peer's outbound queue; beyond it the oldest
    /// forwards are dropped (or the new message, when only our own wait), and counted.
    public var outboundMessageCountMaxPerPeer = 4096
    /// The most encoded message bytes waiting in one peer's outbound queue, dropped like
    /// the message cap; at least one RPC of the largest size.
    public var outboundByteCountMaxPerPeer = 4 << 20
    /// The most control entries waiting in one peer's outbound queue; more are dropped and counted.
    public var outboundControlEntryCountMaxPerPeer = 4096
    /// A queued forward or IWANT reply older than this is dropped and counted (rust-libp2p's
    /// `forward_queue_duration`).
    public var outboundForwardAgeMax: Duration = .seconds(1)
    /// A queued message of our own older than this is dropped and counted (rust-libp2p's
    /// `publish_queue_duration`).
    public var outboundPublishAgeMax: Duration = .seconds(5)
    /// Whether the PRUNEs we send when our mesh is oversubscribed, when we refuse a GRAFT
    /// at D_hi and when we unsubscribe offer other peers of the topic (v1.1 peer exchange,
    /// as go-libp2p-pubsub `WithPeerExchange`; off there by default). Each offered peer
    /// comes with its signed peer record when the router holds one
    /// (`setSignedPeerRecord(_:of:)`), so that the pruned peer can dial it.
    public var offersPeerExchange = true
    /// The most peers offered in one PRUNE, and the most taken from one received PRUNE
    /// (go `PrunePeers`; the specification asks for more than D_hi).
    public var prunePeerCount = 16
    /// The most `.connect` actions for peers offered in PRUNEs per heartbeat interval; more
    /// are dropped and counted (go queues at most 128 pending PX dials).
    public var peerExchangeConnectCountMaxPerHeartbeat = 32
    /// Direct (explicit) peers: every message in a topic they announced is forwarded to
    /// them, they are never grafted into a mesh, their RPCs are accepted whatever their
    /// score, and the router asks the transport to reconnect them.
    public var directPeers: Set<PeerID> = []
    /// Heartbeats between reconnection requests for direct peers that are not connected,
    /// the first at the first heartbeat (go `DirectConnectTicks`: 300, five minutes).
    public var directConnectHeartbeats = 300
    /// The most messages waiting for an asynchronous validator at once; a message that
    /// arrives when the table is full is dropped without being marked seen, and counted.
    public var validationCountMax = 1024
    /// A message whose asynchronous validation has not finished after this long is dropped
    /// as ignored (no penalty) and counted; checked at every heartbeat.
    public var validationTimeout: Duration = .seconds(5)
    /// Whether the router uses the choke extension (libp2p/specs pull request 681): it
    /// announces it to every peer in its first RPC (`GossipExtensions`), chokes the slower
    /// mesh peers that announced it too in the topics of `chokingTopics`, keeping
    /// `meshUnchokedCount` of them eager per topic, and honours their CHOKE in any topic by
    /// announcing new messages to them with IHAVE at once instead of sending them. Peers
    /// that do not speak it are never choked and always get every message. Off (the
    /// default), the router neither announces nor chokes, as gossipsub v1.2.
    public var chokesMeshPeers = false
    /// The topics whose slower mesh peers the router chokes, with `chokesMeshPeers` on;
    /// nil for every topic. Choking trades latency for bandwidth (see docs/gossip.md): it
    /// suits bulk topics, not those that need every millisecond. In a topic where it has
    /// choked mesh peers, IDONTWANT goes for messages of every size, since it goes only to
    /// the few unchoked peers.
    public var chokingTopics: Set<String>?
    /// Mesh peers per topic kept unchoked (eager push): the fastest by measured lateness.
    public var meshUnchokedCount = 3
    /// Full deliveries measured from a mesh peer before it may be choked or preferred.
    public var chokeSampleCountMin = 3
    /// The weight of a new lateness sample in a mesh peer's moving average.
    public var chokeLatenessWeight = 0.1
    /// A choked mesh peer replaces the slowest unchoked one once its mean lateness is lower
    /// by this much (the choke draft's `unchokeThreshold`, smaller here: a choked peer's
    /// deliveries already carry an IHAVE/IWANT round trip).
    public var unchokeMargin: Duration = .milliseconds(20)
    /// The lateness counted, at a heartbeat, for an unchoked mesh peer that delivered
    /// nothing since the last one although the topic had new messages.
    public var chokeSilentLateness: Duration = .milliseconds(500)
    /// Message ids whose first-heard time is kept to measure later copies against.
    public var chokeTrackedMessageCountMax = 8192
    /// Copies arriving longer than this after the first are not measured.
    public var chokeSampleWindow: Duration = .seconds(2)
    /// An id announced by a choked mesh peer is asked of one announcer at a time; another
    /// announcer is asked once this has passed without the message.
    public var chokeRequestTimeout: Duration = .milliseconds(250)
    /// The most CHOKE and UNCHOKE sent per topic and heartbeat.
    public var chokeChangeCountMaxPerHeartbeat = 2
    /// CHOKE goes again to a choked mesh peer that still sends us copies of messages we
    /// have and did not ask it for (the first was lost), at most this often per peer.
    public var chokeRepeatInterval: Duration = .seconds(1)
    /// BLAKE2b-256 hashes of whole messages (every field, signature and key included)
    /// whose signatures verified, shared by routers in one process: a message found here
    /// is not verified again. Nil (the default) verifies every new message; the simulator
    /// shares one among its thousand routers, which would otherwise each verify every
    /// message. Equal hashes mean equal messages, so the outcome is the same.
    public var verifiedMessages: VerifiedEnvelopes?
    /// The limits of the peers' decoders: outbound RPCs are split to fit them.
    public var rpcLimits = GossipRPCLimits.standard
    /// Options of topics not listed in `topicOptions`.
    public var defaultTopicOptions = GossipTopicOptions.standard
    /// Options per topic.
    public var topicOptions: [String: GossipTopicOptions] = [:]
    /// The score function's parameters.
    public var scoreParameters = PeerScoreParameters.olnDefaults(topics: [:])
    /// The score thresholds the router acts on.
    public var scoreThresholds = PeerScoreThresholds.olnDefaults

    /// The defaults above.
    public init() {}

    /// The choke tracker's parameters.
    var chokeParameters: GossipChokeTracker.Parameters {
        GossipChokeTracker.Parameters(
            unchokedCount: meshUnchokedCount, sampleCountMin: chokeSampleCountMin,
            latenessWeight: chokeLatenessWeight, unchokeMargin: unchokeMargin,
            silentLateness: chokeSilentLateness, messageCountMax: chokeTrackedMessageCountMax,
            sampleWindow: chokeSampleWindow, changeCountMaxPerHeartbeat: chokeChangeCountMaxPerHeartbeat)
    }

    /// The options of `topic`.
    public func options(for topic: String) -> GossipTopicOptions {
        topicOptions[topic] ?? defaultTopicOptions
    }

    /// Checks the relations the router relies on; a violation is a programmer error.
    func checkPreconditions() {
        precondition(meshDegreeLow >= 1 && meshDegreeLow <= meshDegree && meshDegree <= meshDegreeHigh,
                     "need 1 ≤ D_lo ≤ D ≤ D_hi")
        precondition(meshDegreeScore >= 0 && meshDegreeScore <= meshDegree, "need 0 ≤ D_score ≤ D")
        precondition(meshOutboundMin >= 0 && meshOutboundMin <= meshDegreeLow && meshOutboundMin <= meshDegree / 2,
                     "need 0 ≤ D_out ≤ min(D_lo, D/2)")
        precondition(gossipDegree >= 0 && gossipFactor >= 0 && gossipFactor <= 1, "gossip degree and factor")
        precondition(heartbeatInterval > .zero && seenTimeToLive > .zero, "intervals must be positive")
        precondition(fanoutTimeToLive >= .zero && pruneBackoff >= .zero && unsubscribeBackoff >= .zero,
                     "durations cannot be negative")
        precondition(gossipLength >= 1 && gossipLength <= historyLength, "need 1 ≤ gossip windows ≤ history windows")
        precondition([idontwantThreshold, idontwantHeartbeats, idontwantCountMaxPerPeer, ihaveIDCountMax,
                      ihaveMessageCountMaxPerHeartbeat, iwantIDCountMaxPerHeartbeat, gossipRetransmissionMax]
            .allSatisfy { $0 >= 0 }, "gossip limits cannot be negative")
        precondition(iwantFollowupTime >= .zero && opportunisticGraftPeerCount >= 0, "follow-up and grafting")
        precondition([peerCountMax, topicCountMaxPerPeer, promiseCountMax, opportunisticGraftHeartbeats, outboundMessageCountMaxPerPeer,
                      outboundControlEntryCountMaxPerPeer].allSatisfy { $0 > 0 }, "limits must be positive")
        precondition(outboundByteCountMaxPerPeer >= rpcLimits.rpcByteCountMax, "the queue must hold one RPC of the largest size")
        precondition(outboundForwardAgeMax > .zero && outboundPublishAgeMax > .zero, "queue age limits must be positive")
        precondition(prunePeerCount >= 0 && prunePeerCount <= rpcLimits.prunePeerCountMax,
                     "PRUNE peers must fit the peers' decoder limit")
        precondition([peerExchangeConnectCountMaxPerHeartbeat, directConnectHeartbeats, validationCountMax]
            .allSatisfy { $0 > 0 }, "peer exchange, direct peer and validation limits must be positive")
        precondition(validationTimeout > .zero, "the validation timeout must be positive")
        precondition(meshUnchokedCount >= 1 && chokeSampleCountMin >= 1 && chokeTrackedMessageCountMax > 0
                     && chokeChangeCountMaxPerHeartbeat > 0, "choke counts must be positive")
        precondition(chokeLatenessWeight > 0 && chokeLatenessWeight <= 1, "the lateness weight is a fraction")
        precondition(unchokeMargin >= .zero && chokeSilentLateness >= .zero && chokeSampleWindow > .zero
                     && chokeRequestTimeout >= .zero && chokeRepeatInterval >= .zero,
                     "choke durations cannot be negative")
        precondition(rpcLimits.messageCountMax > 0 && rpcLimits.controlEntryCountMax > 0
                     && rpcLimits.messageIDCountMax > 0, "outbound RPCs need room")
    }
}
