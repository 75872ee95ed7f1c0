import Identity

/// The router's outbound side: one `GossipOutboundQueue` per peer, and the RPCs built from
/// them when the router hands out what a call produced (`drain`).
///
/// A peer is unmetered until the transport first says how many bytes it can take
/// (`setWritable`); then RPCs leave only while that room lasts (the last one may overrun
/// it), and the rest waits for the next `setWritable`. RPCs fit the peer's decoder limits
/// (`GossipRPCLimits`). Peers come out in the order they were first queued to in a call,
/// which keeps runs reproducible.
struct GossipOutbox: Sendable {
    /// The bounds of every peer's queue.
    struct Limits: Sendable {
        var rpc: GossipRPCLimits
        var messageCountMax: Int
        var byteCountMax: Int
        var controlEntryCountMax: Int
        var forwardAgeMax: Duration
        var publishAgeMax: Duration
    }

    /// Bytes allowed for an RPC's length prefix when spending a peer's room.
    static let framePrefixByteCount = 4

    let limits: Limits
    /// Every peer's queue, in `queues`, by slot; slots of removed peers are reused. An
    /// array rather than a dictionary of queues, because reading a field of a dictionary's
    /// value copies the whole queue first.
    private var slots: [PeerID: Int] = [:]
    private var queues: [GossipOutboundQueue] = []
    private var freeSlots: [Int] = []
    /// How many queues hold anything, so that "does anything wait?" is one test.
    private(set) var nonEmptyQueueCount = 0
    private var touched: [PeerID] = []
    private var touchedSet: Set<PeerID> = []

    init(limits: Limits) {
        self.limits = limits
    }

    /// Whether anything waits for any peer.
    var hasQueuedItems: Bool { nonEmptyQueueCount > 0 }

    /// The peers with anything waiting.
    var peersWithQueuedItems: Set<PeerID> {
        Set(slots.filter { !queues[$0.value].isEmpty }.keys)
    }

    /// Queues `message` for `peer` at `priority`, counting what the caps drop.
    mutating func add(
        _ message: GossipMessage, id: GossipMessageID, priority: GossipOutboundQueue.Priority, to peer: PeerID,
        now: Duration, statistics: inout GossipRouterStatistics
    ) {
        touch(peer)
        let entry = GossipOutboundQueue.Entry(
            message: message, id: id, queuedAt: now, byteCount: Self.encodedByteCount(of: message))
        let limits = limits
        let (dropped, _) = withQueue(of: peer) {
            $0.add(entry, priority: priority, messageCountMax: limits.messageCountMax, byteCountMax: limits.byteCountMax)
        }
        statistics.outboundMessagesDropped += dropped
    }

    /// Queues a subscription change for `peer` (announcements are few: one per topic).
    mutating func add(_ subscription: GossipSubscription, to peer: PeerID) {
        touch(peer)
        withQueue(of: peer) { $0.subscriptions.append(subscription) }
    }

    /// Queues a control entry for `peer`; false when the peer's control cap is reached.
    mutating func add(_ entry: GossipControlEntry, to peer: PeerID) -> Bool {
        touch(peer)
        let controlEntryCountMax = limits.controlEntryCountMax
        return withQueue(of: peer) { queue in
            guard queue.control.count < controlEntryCountMax else { return false }
            queue.control.append(entry)
            return true
        }
    }

    /// The transport can take `byteCount` more bytes for `peer` now; from here on the peer
    /// is metered.
    mutating func setWritable(_ peer: PeerID, byteCount: Int) {
        touch(peer)
        withQueue(of: peer) { $0.writableByteCount = byteCount }
    }

    /// Whether any message waits for `peer`.
    func hasQueuedMessages(for peer: PeerID) -> Bool {
        queuedMessageCount(for: peer) > 0
    }

    /// Messages waiting for `peer`.
    func queuedMessageCount(for peer: PeerID) -> Int {
        slots[peer].map { queues[$0].messageCount } ?? 0
    }

    /// Subscription changes, control entries and our own messages waiting for `peer`.
    func queuedUrgentCount(for peer: PeerID) -> Int {
        slots[peer].map { queues[$0].urgentCount } ?? 0
    }

    /// Forgets `peer`'s queue, counting what it still held.
    mutating func removePeer(_ peer: PeerID, statistics: inout GossipRouterStatistics) {
        guard let slot = slots.removeValue(forKey: peer) else { return }
        if !queues[slot].isEmpty { nonEmptyQueueCount -= 1 }
        statistics.outboundMessagesDroppedOnRemoval += queues[slot].messageCount
        statistics.outboundControlEntriesDroppedOnRemoval += queues[slot].control.count
        queues[slot] = GossipOutboundQueue()
        freeSlots.append(slot)
    }

    /// Drops, in every queue, the messages that waited longer than their age limit.
    mutating func dropStale(now: Duration, statistics: inout GossipRouterStatistics) {
        let forwardCutoff = now - limits.forwardAgeMax, publishCutoff = now - limits.publishAgeMax
        for slot in queues.indices where queues[slot].messageCount > 0 {
            statistics.outboundMessagesStale += queues[slot].dropStale(
                forwardCutoff: forwardCutoff, publishCutoff: publishCutoff)
            if queues[slot].isEmpty { nonEmptyQueueCount -= 1 }
        }
    }

    /// Builds the RPCs that may leave now for the peers touched since the last drain, each
    /// restricted to its peer's version: first the urgent RPCs of every such peer, then
    /// their forwards, peers in the order they were first touched.
    mutating func drain(
        now: Duration, peers: inout [PeerID: GossipRouterPeer], statistics: inout GossipRouterStatistics
    ) -> [GossipRouterAction] {
        var actions: [GossipRouterAction] = []
        let limits = limits
        for urgentOnly in [true, false] {
            for peer in touched where slots[peer] != nil {
                // The peer's state is read in place: a copy would retain each of its tables.
                let rpcs = if let index = peers.index(forKey: peer) {
                    GossipRouterPeer.inPlace(&peers.values[index]) { state in
                        withQueue(of: peer) {
                            Self.drain(&$0, limits: limits, urgentOnly: urgentOnly, version: state.version,
                                       doesNotWant: { state.doesNotWant($0) }, now: now, statistics: &statistics)
                        }
                    }
                } else {
                    withQueue(of: peer) {
                        Self.drain(&$0, limits: limits, urgentOnly: urgentOnly, version: .v1_0,
                                   doesNotWant: { _ in false }, now: now, statistics: &statistics)
                    }
                }
                for rpc in rpcs { actions.append(.send(peer, rpc)) }
            }
        }
        touched.removeAll(keepingCapacity: true)
        touchedSet.removeAll(keepingCapacity: true)
        return actions
    }

    private mutating func touch(_ peer: PeerID) {
        if touchedSet.insert(peer).inserted { touched.append(peer) }
    }

    /// Runs `body` on `peer`'s queue in place (giving it an empty one first), keeping
    /// `nonEmptyQueueCount` up to date.
    @discardableResult
    private mutating func withQueue<Result>(of peer: PeerID, _ body: (inout GossipOutboundQueue) -> Result) -> Result {
        let slot: Int
        if let existing = slots[peer] {
            slot = existing
        } else if let free = freeSlots.popLast() {
            slot = free
            slots[peer] = slot
        } else {
            slot = queues.count
            queues.append(GossipOutboundQueue())
            slots[peer] = slot
        }
        let wasEmpty = queues[slot].isEmpty
        let result = body(&queues[slot])
        let isEmpty = queues[slot].isEmpty
        if wasEmpty && !isEmpty { nonEmptyQueueCount += 1 }
        if !wasEmpty && isEmpty { nonEmptyQueueCount -= 1 }
        return result
    }

    /// The RPCs one peer's room allows now: urgent ones first, then (unless `urgentOnly`)
    /// forwards.
    private static func drain(
        _ queue: inout GossipOutboundQueue, limits: Limits, urgentOnly: Bool, version: GossipProtocolVersion,
        doesNotWant: (GossipMessageID) -> Bool, now: Duration, statistics: inout GossipRouterStatistics
    ) -> [GossipRPC] {
        statistics.outboundMessagesStale += queue.dropStale(
            forwardCutoff: now - limits.forwardAgeMax, publishCutoff: now - limits.publishAgeMax)
        var rpcs: [GossipRPC] = []
        while queue.canSend && (urgentOnly ? queue.hasUrgent : !queue.isEmpty) {
            let budget = min(queue.writableByteCount ?? Int.max, limits.rpc.rpcByteCountMax)
            var builder = GossipRPCBuilder(limits: limits.rpc, byteBudget: budget)
            if queue.hasUrgent {
                builder.takeUrgent(from: &queue, doesNotWant: doesNotWant, statistics: &statistics)
            } else {
                builder.takeForwards(from: &queue.forwarded, doesNotWant: doesNotWant, statistics: &statistics)
            }
            guard builder.messageCount + builder.otherEntryCount > 0 else { continue }
            statistics.messagesSent += builder.messageCount
            for message in builder.rpc.messages {
                statistics.topics[message.topic, default: GossipTopicStatistics()].messagesSent += 1
            }
            queue.spend(builder.byteCount + framePrefixByteCount)
            let rpc = builder.rpc.restricted(to: version)
            if !rpc.subscriptions.isEmpty || !rpc.messages.isEmpty || rpc.control != nil || rpc.choke != nil {
                rpcs.append(rpc)
            }
        }
        return rpcs
    }

    /// The size of `message` as an entry of an RPC's `publish` field.
    static func encodedByteCount(of message: GossipMessage) -> Int {
        var body = fieldByteCount(message.topic.utf8.count)
        for field in [message.from, message.data, message.seqno, message.signature, message.key] {
            if let field { body += fieldByteCount(field.count) }
        }
        return fieldByteCount(body)
    }

    /// A length-delimited protobuf field of `length` bytes: tag, length varint, content.
    static func fieldByteCount(_ length: Int) -> Int {
        var varintBytes = 1
        var rest = length >> 7
        while rest > 0 {
            varintBytes += 1
            rest >>= 7
        }
        return 1 + varintBytes + length
    }
}
