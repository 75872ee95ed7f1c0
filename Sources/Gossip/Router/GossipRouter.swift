import Identity

/// The gossipsub v1.1/v1.2 router, sans-IO: peers, subscriptions, RPCs, publishes and
/// heartbeats go in with `now`; `GossipRouterAction`s come out. No clock, no global
/// randomness: mesh and gossip choices come from a generator seeded at init, over peers
/// sorted by id, so equal inputs give equal outputs.
///
/// Sends wait in a bounded queue per peer: subscriptions, control (IDONTWANT included)
/// and our own messages leave before forwards; a forward the peer said it does not want,
/// or one older than `outboundForwardAgeMax`, is dropped; the caps drop the oldest
/// forwards. A transport that never calls `peerWritable(_:byteCount:now:)` gets every
/// queued RPC at the end of each call (at most one urgent RPC and the forward RPCs per
/// peer, split further only at the decoder limits); one that does gets RPCs only while
/// the room it reported lasts.
///
/// Peer exchange (v1.1): PRUNEs for an oversubscribed mesh, a GRAFT refused at D_hi and
/// an unsubscription offer up to `prunePeerCount` other peers of the topic, each with its
/// signed peer record when we hold one (`setSignedPeerRecord(_:of:)`); peers offered to us
/// by a peer scored at least `acceptPXThreshold` come out as `.connect` actions, bounded
/// per PRUNE and per heartbeat, carrying the offered record when it verifies. Direct peers (v1.1) get every
/// message of their topics outside the mesh, a GRAFT from one is answered with PRUNE, and
/// `.connect` asks the transport to reconnect them. A topic's validator may be
/// asynchronous (`GossipValidation.asynchronous`): the message is held, `.validate` goes
/// out, and `validationResult(_:for:now:)` finishes it, within a bounded table and a timeout.
public struct GossipRouter: Sendable {
    /// A topic validator: decides, synchronously, what happens to a message.
    public typealias Validator = @Sendable (GossipMessage) -> GossipValidationResult

    /// This node's peer id.
    public let localPeer: PeerID
    /// The key our messages are signed with under strictSign; nil for a node that only
    /// publishes on strictNoSign topics.
    public let identity: IdentityKey?
    /// The parameters in force.
    public let configuration: GossipRouterConfiguration
    /// What the router did and dropped.
    public internal(set) var statistics = GossipRouterStatistics()
    /// The peer scores.
    public internal(set) var score: PeerScore<PeerID, GossipMessageID>

    var random: GossipRouterRandom
    var peers: [PeerID: GossipRouterPeer] = [:]
    var peersByTopic: [String: Set<PeerID>] = [:]
    var subscriptions: Set<String> = []
    var mesh: [String: Set<PeerID>] = [:]
    var fanout: [String: Set<PeerID>] = [:]
    var fanoutLastPublished: [String: Duration] = [:]
    var messageCache: MessageCache<GossipMessageID, GossipMessage, PeerID>
    /// Validated messages that reached no peer when they were forwarded (the mesh held only
    /// their source, or nobody), by topic, with their source: forwarded again at the next
    /// heartbeat whose mesh for the topic has someone else, while the message cache still
    /// holds them.
    var unforwarded: [String: [(id: GossipMessageID, source: PeerID)]] = [:]
    var seen: SeenCache<GossipMessageID>
    var backoff: GraftBackoff<PeerID>
    var promises: GossipPromises
    var validations: [String: GossipValidation] = [:]
    var pendingValidations: GossipPendingValidations
    /// `.connect` actions emitted for peer exchange since the last heartbeat.
    var peerExchangeConnectCount = 0
    var heartbeatCount: UInt64 = 0
    var lastDecay: Duration?
    var outbox: GossipOutbox
    var chokes: GossipChokeTracker
    var pendingActions: [GossipRouterAction] = []

    /// A router for `localPeer`, drawing its random choices from `seed`.
    /// - Precondition: the configuration is consistent (D_lo ≤ D ≤ D_hi and so on), its
    ///   score parameters and thresholds validate, and `identity` (if any) is `localPeer`'s.
    public init(localPeer: PeerID, identity: IdentityKey?, configuration: GossipRouterConfiguration, seed: UInt64) {
        configuration.checkPreconditions()
        precondition((try? configuration.scoreParameters.validate()) != nil, "score parameters must be valid")
        precondition((try? configuration.scoreThresholds.validate()) != nil, "score thresholds must be valid")
        precondition(identity.map { $0.peerID == localPeer } ?? true, "the identity must be the local peer's")
        self.localPeer = localPeer
        self.identity = identity
        self.configuration = configuration
        random = GossipRouterRandom(seed: seed)
        score = PeerScore(parameters: configuration.scoreParameters)
        messageCache = MessageCache(
            historyLength: configuration.historyLength, gossipLength: configuration.gossipLength,
            retransmissionMax: configuration.gossipRetransmissionMax)
        seen = SeenCache(timeToLive: configuration.seenTimeToLive)
        backoff = GraftBackoff(
            pruneDuration: configuration.pruneBackoff, unsubscribeDuration: configuration.unsubscribeBackoff,
            slack: configuration.heartbeatInterval * 2)
        promises = GossipPromises(countMax: configuration.promiseCountMax)
        pendingValidations = GossipPendingValidations(
            countMax: configuration.validationCountMax, timeout: configuration.validationTimeout)
        chokes = GossipChokeTracker(parameters: configuration.chokeParameters)
        outbox = GossipOutbox(limits: GossipOutbox.Limits(
            rpc: configuration.rpcLimits, messageCountMax: configuration.outboundMessageCountMaxPerPeer,
            byteCountMax: configuration.outboundByteCountMaxPerPeer,
            controlEntryCountMax: configuration.outboundControlEntryCountMaxPerPeer,
            forwardAgeMax: configuration.outboundForwardAgeMax, publishAgeMax: configuration.outboundPublishAgeMax))
    }

    /// Sets (or with nil removes) the synchronous validator of `topic`; without a
    /// validator, messages are accepted.
    public mutating func setValidator(_ validator: Validator?, for topic: String) {
        setValidation(validator.map { .synchronous($0) }, for: topic)
    }

    /// Sets (or with nil removes) how `topic`'s messages are validated. Messages already
    /// held for an asynchronous validator still wait for their result or timeout.
    public mutating func setValidation(_ validation: GossipValidation?, for topic: String) {
        validations[topic] = validation
    }

    /// Messages held for an asynchronous validator now.
    public var pendingValidationCount: Int { pendingValidations.count }

    /// Whether `peer` is one of the configured direct peers.
    public func isDirect(_ peer: PeerID) -> Bool { configuration.directPeers.contains(peer) }

    /// The topics we are subscribed to.
    public var subscribedTopics: Set<String> { subscriptions }

    /// The peers in our mesh for `topic`.
    public func meshPeers(of topic: String) -> Set<PeerID> { mesh[topic] ?? [] }

    /// The peers in our fanout for `topic`.
    public func fanoutPeers(of topic: String) -> Set<PeerID> { fanout[topic] ?? [] }

    /// The connected peers that announced `topic`.
    public func peers(subscribedTo topic: String) -> Set<PeerID> { peersByTopic[topic] ?? [] }

    /// The connected peers.
    public var connectedPeers: Set<PeerID> { Set(peers.keys) }

    /// Sets the application-specific score value (P5) of `peer`.
    /// - Precondition: `value` is finite.
    public mutating func setApplicationScore(_ value: Double, of peer: PeerID) {
        score.setApplicationScore(value, of: peer)
    }

    /// Sets the remote IP addresses (4 or 16 bytes each) of `peer`'s connections, for P6.
    public mutating func setAddresses(_ addresses: [[UInt8]], of peer: PeerID) {
        score.setAddresses(addresses, of: peer)
    }

    /// Hands out what this call produced: deliveries first, then the RPCs that the touched
    /// peers' queues let out now.
    mutating func flush(now: Duration) -> [GossipRouterAction] {
        let actions = pendingActions + outbox.drain(now: now, peers: &peers, statistics: &statistics)
        pendingActions = []
        return actions
    }

    /// What `read` gives from `peer`'s state, read in place, or nil for an unknown peer: the
    /// dictionary's getter would copy the whole state, retaining each of its tables.
    mutating func peerState<Result>(of peer: PeerID, _ read: (GossipRouterPeer) -> Result) -> Result? {
        guard let index = peers.index(forKey: peer) else { return nil }
        return peerState(at: index, read)
    }

    /// What `read` gives from the state at `index` of `peers`, read in place.
    mutating func peerState<Result>(at index: [PeerID: GossipRouterPeer].Index, _ read: (GossipRouterPeer) -> Result) -> Result {
        GossipRouterPeer.inPlace(&peers.values[index]) { read($0) }
    }

    /// `set` in a reproducible order: by peer id bytes.
    static func sorted(_ set: Set<PeerID>) -> [PeerID] {
        set.sorted(by: GossipPeerOrder.precedes)
    }

    /// `set` in random order, reproducible from the seed.
    mutating func shuffled(_ set: Set<PeerID>) -> [PeerID] {
        var peers = Self.sorted(set)
        peers.shuffle(using: &random)
        return peers
    }
}
