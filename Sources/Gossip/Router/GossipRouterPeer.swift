import Identity

/// What the router knows of one connected peer.
struct GossipRouterPeer: Sendable {
    /// The gossipsub version negotiated on its stream.
    let version: GossipProtocolVersion
    /// Whether we dialled it (counts for D_out).
    let isOutbound: Bool
    /// The topics it announced.
    var topics: Set<String> = []
    /// Ids it sent IDONTWANT for, with the heartbeat count at which they are forgotten.
    var unwantedIDs: [GossipMessageID: UInt64] = [:]
    /// Ids of messages it sent us while we had messages queued for it, with the heartbeat
    /// count at which they are forgotten: a queued copy of one of them is not sent.
    var receivedIDs: [GossipMessageID: UInt64] = [:]
    /// IHAVE messages handled from it this heartbeat.
    var ihaveCountThisHeartbeat = 0
    /// Ids asked of it with IWANT this heartbeat.
    var iwantIDCountThisHeartbeat = 0
    /// Its signed peer record (from identify), passed on when we offer it in a PRUNE.
    var signedPeerRecord: SignedPeerRecord?
    /// Whether it announced the choke extension (`GossipExtensions.choke`).
    var supportsChoke = false

    init(version: GossipProtocolVersion, isOutbound: Bool) {
        self.version = version
        self.isOutbound = isOutbound
    }

    /// Runs `body` on `state` where it lies (a dictionary's value through its modify
    /// accessor): the dictionary's getter would copy the state, retaining each of its tables.
    static func inPlace<Result>(_ state: inout GossipRouterPeer, _ body: (inout GossipRouterPeer) -> Result) -> Result {
        body(&state)
    }

    /// Restarts the per-heartbeat counters and forgets the ids due at heartbeat `count`.
    mutating func startHeartbeat(_ count: UInt64) {
        ihaveCountThisHeartbeat = 0
        iwantIDCountThisHeartbeat = 0
        if !unwantedIDs.isEmpty { unwantedIDs = unwantedIDs.filter { $0.value > count } }
        if !receivedIDs.isEmpty { receivedIDs = receivedIDs.filter { $0.value > count } }
    }

    /// Whether the peer has told us, with IDONTWANT or by sending it, that it has message `id`.
    func doesNotWant(_ id: GossipMessageID) -> Bool {
        unwantedIDs[id] != nil || receivedIDs[id] != nil
    }
}
