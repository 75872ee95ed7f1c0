/// Counters of what the router did and, above all, what it dropped.
public struct GossipRouterStatistics: Sendable, Equatable {
    /// Published messages received from peers.
    public var messagesReceived = 0
    /// The message counters by topic (subscribed and published topics only).
    public var topics: [String: GossipTopicStatistics] = [:]
    /// Messages delivered to the application.
    public var messagesDelivered = 0
    /// Messages already seen (delivered at most once).
    public var duplicateMessages = 0
    /// Messages in topics we are not subscribed to.
    public var messagesInUnsubscribedTopics = 0
    /// Messages whose data exceeded the topic limit.
    public var oversizedMessages = 0
    /// Messages that failed the topic's signing policy.
    public var invalidSignatureMessages = 0
    /// Messages claiming our authorship that we did not publish.
    public var selfOriginMessages = 0
    /// Messages the validator rejected (synchronously or asynchronously).
    public var rejectedMessages = 0
    /// Messages the validator ignored (synchronously or asynchronously).
    public var ignoredMessages = 0
    /// Messages we published.
    public var messagesPublished = 0
    /// Copies of messages handed to the transport (published, forwarded or served for IWANT).
    public var messagesSent = 0
    /// Forwards left out because the peer had sent IDONTWANT for the message.
    public var forwardsSuppressedByIDontWant = 0
    /// Messages that reached no peer when forwarded, forwarded again once the mesh filled.
    public var forwardedAfterMeshFilled = 0
    /// Forwards announced with IHAVE instead, to mesh peers that choked us.
    public var lazyPushes = 0
    /// Full copies from mesh peers measured for choking (lateness samples).
    public var chokeSamples = 0
    /// CHOKE and UNCHOKE sent to our mesh peers.
    public var chokesSent = 0
    public var unchokesSent = 0
    /// CHOKE sent again to choked mesh peers that still sent us duplicates unasked.
    public var chokesRepeated = 0
    /// CHOKE and UNCHOKE received from mesh peers.
    public var chokesReceived = 0
    public var unchokesReceived = 0
    /// CHOKE ignored: for a topic whose mesh does not hold the peer.
    public var chokesIgnored = 0
    /// Peers taken to speak the choke extension because they sent CHOKE or UNCHOKE, their
    /// announcement never having arrived.
    public var chokeSupportInferred = 0
    /// IHAVE entries received from choked mesh peers (announcements, not gossip).
    public var announcementsReceived = 0
    /// Announced ids not asked for because another announcer was asked for them first.
    public var announcementsNotRequested = 0
    /// RPCs from peers not added with `addPeer`.
    public var rpcsFromUnknownPeers = 0
    /// RPCs ignored because the peer's score was below the graylist threshold.
    public var graylistedRPCs = 0
    /// Peers refused at the peer limit.
    public var peersRefused = 0
    /// Subscriptions dropped at a peer's topic limit.
    public var subscriptionsDropped = 0
    /// IHAVE entries ignored (score below the gossip threshold, or over the per-heartbeat limits).
    public var ihaveIgnored = 0
    /// IWANT entries ignored because the peer's score was below the gossip threshold.
    public var iwantIgnored = 0
    /// Message ids asked for with IWANT.
    public var iwantIDsSent = 0
    /// IWANT promises not tracked because the promise table was full.
    public var promisesNotTracked = 0
    /// IWANT promises broken (each a behaviour penalty).
    public var brokenPromises = 0
    /// Peers grafted because the mesh's median score was low.
    public var opportunisticGrafts = 0
    /// Messages served in answer to IWANT.
    public var iwantMessagesServed = 0
    /// IWANT requests refused because the peer asked too often for the message.
    public var iwantRetransmissionsRefused = 0
    /// GRAFTs answered with PRUNE.
    public var graftsRefused = 0
    /// GRAFTs received during a back-off (behaviour penalty).
    public var graftBackoffViolations = 0
    /// PRUNEs received.
    public var prunesReceived = 0
    /// Peers offered in PRUNEs from peers scored below the accept-PX threshold, or for
    /// topics we are not subscribed to: not acted on.
    public var peerExchangeIgnored = 0
    /// Peers we offered in our PRUNEs.
    public var peerExchangeOffered = 0
    /// Peers offered to us for which a `.connect` action was emitted.
    public var peerExchangeConnects = 0
    /// Peers offered to us dropped: beyond `prunePeerCount` in one PRUNE, beyond
    /// `peerExchangeConnectCountMaxPerHeartbeat`, or with an id that does not parse.
    public var peerExchangeDropped = 0
    /// Signed peer records we sent with the peers we offered.
    public var peerExchangeRecordsOffered = 0
    /// Signed peer records offered to us that verified and named the offered peer: their
    /// `.connect` action carries them.
    public var peerExchangeRecordsAccepted = 0
    /// Signed peer records offered to us that were malformed, over a limit, badly signed or
    /// named another peer: dropped (the peer's id is still acted on, as if offered bare).
    public var peerExchangeRecordsInvalid = 0
    /// Signed peer records offered to us with a key type we do not verify: dropped, as invalid ones.
    public var peerExchangeRecordsUnsupported = 0
    /// `.connect` actions emitted for direct peers that were not connected.
    public var directConnects = 0
    /// GRAFTs from direct peers, answered with PRUNE (not penalised).
    public var directGraftsRefused = 0
    /// Messages handed out with `.validate` for an asynchronous validator.
    public var asynchronousValidations = 0
    /// Copies of a message received while its asynchronous validation was running (also
    /// counted in `duplicateMessages`; never validated again).
    public var duplicatesDuringValidation = 0
    /// Messages dropped because `validationCountMax` validations were already running.
    public var validationQueueFull = 0
    /// Messages dropped because their validation took longer than `validationTimeout`.
    public var validationTimeouts = 0
    /// Validation results for ids not waiting (already timed out, or never asked).
    public var validationResultsUnknown = 0
    /// IDONTWANT ids sent.
    public var idontwantIDsSent = 0
    /// IDONTWANT ids received and remembered.
    public var idontwantIDsReceived = 0
    /// IDONTWANT ids dropped at the per-peer limit.
    public var idontwantIDsDropped = 0
    /// Messages dropped at a peer's queue caps (`outboundMessageCountMaxPerPeer`,
    /// `outboundByteCountMaxPerPeer`): the oldest queued forwards make room for a new
    /// message, and a new message is refused when our own messages alone fill the queue.
    public var outboundMessagesDropped = 0
    /// Queued messages dropped for waiting too long: forwards and IWANT replies past
    /// `outboundForwardAgeMax`, our own messages past `outboundPublishAgeMax`.
    public var outboundMessagesStale = 0
    /// Queued messages not sent because the peer has them: it sent IDONTWANT for the id,
    /// or sent us the message, before our copy left.
    public var outboundMessagesCancelled = 0
    /// Queued messages dropped because their peer was removed.
    public var outboundMessagesDroppedOnRemoval = 0
    /// Control entries not queued at `outboundControlEntryCountMaxPerPeer`.
    public var outboundControlEntriesDropped = 0
    /// Queued control entries dropped because their peer was removed.
    public var outboundControlEntriesDroppedOnRemoval = 0

    public init() {}
}
