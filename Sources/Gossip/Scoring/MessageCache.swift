/// The gossipsub message cache (mcache, gossipsub-v1.0.md "Message Cache"): full messages
/// for the last `historyLength` heartbeats, of which those from the last `gossipLength`
/// heartbeats are advertised in IHAVE; `shift()` starts a new window every heartbeat.
///
/// It also counts, per message and peer, how often the message was served in answer to
/// IWANT, so that the router can refuse a peer past `retransmissionMax` (go-libp2p-pubsub
/// `GossipRetransmission`).
///
/// Bounded: at `messageCountMax` messages the oldest is dropped to make room, and at most
/// `requestingPeersPerMessageMax` peers are counted for one message.
public struct MessageCache<MessageID: Hashable & Sendable, Message: Sendable, Peer: Hashable & Sendable>: Sendable {
    /// go-libp2p-pubsub `GossipSubHistoryLength`.
    public static var historyLengthDefault: Int { 5 }
    /// go-libp2p-pubsub `GossipSubHistoryGossip`.
    public static var gossipLengthDefault: Int { 3 }
    /// go-libp2p-pubsub `GossipSubGossipRetransmission`.
    public static var retransmissionMaxDefault: Int { 3 }
    /// Five heartbeats at about 10,000 messages a second.
    public static var messageCountMaxDefault: Int { 50_000 }
    /// More than a node's usual number of connected peers.
    public static var requestingPeersPerMessageMaxDefault: Int { 256 }

    /// The number of heartbeat windows whose messages are kept.
    public let historyLength: Int
    /// The number of most recent windows whose message ids are gossiped.
    public let gossipLength: Int
    /// How many times one peer may be sent one message in answer to IWANT.
    public let retransmissionMax: Int
    /// The most messages kept at once.
    public let messageCountMax: Int
    /// The most peers whose IWANT requests are counted for one message.
    public let requestingPeersPerMessageMax: Int
    /// Messages dropped before their time because the cache was full.
    public private(set) var evictedCount = 0

    private struct Entry: Sendable {
        var message: Message
        var topic: String
        var requestCounts: [Peer: Int] = [:]
    }

    private var entries: [MessageID: Entry] = [:]
    /// Every cached id with the window it was put in, oldest first.
    private var order = ExpiryQueue<(id: MessageID, topic: String, window: UInt64)>()
    /// The number of `shift()` calls so far: the current window's number.
    private var currentWindow: UInt64 = 0

    /// - Precondition: `1 ≤ gossipLength ≤ historyLength`, and the limits are positive.
    public init(
        historyLength: Int = historyLengthDefault,
        gossipLength: Int = gossipLengthDefault,
        retransmissionMax: Int = retransmissionMaxDefault,
        messageCountMax: Int = messageCountMaxDefault,
        requestingPeersPerMessageMax: Int = requestingPeersPerMessageMaxDefault
    ) {
        precondition(gossipLength >= 1 && gossipLength <= historyLength, "need 1 ≤ gossip windows ≤ history windows")
        precondition(retransmissionMax >= 0, "the retransmission limit cannot be negative")
        precondition(messageCountMax > 0 && requestingPeersPerMessageMax > 0, "cache limits must be positive")
        self.historyLength = historyLength
        self.gossipLength = gossipLength
        self.retransmissionMax = retransmissionMax
        self.messageCountMax = messageCountMax
        self.requestingPeersPerMessageMax = requestingPeersPerMessageMax
    }

    /// The number of messages cached.
    public var count: Int { entries.count }

    /// Caches `message` under `id` in the current window; false when `id` is already cached.
    @discardableResult
    public mutating func put(_ id: MessageID, message: Message, topic: String) -> Bool {
        guard entries[id] == nil else { return false }
        if entries.count >= messageCountMax, let oldest = order.popFirst() {
            entries[oldest.id] = nil
            evictedCount += 1
        }
        entries[id] = Entry(message: message, topic: topic)
        order.append((id: id, topic: topic, window: currentWindow))
        return true
    }

    /// The cached message `id`, if any.
    public func get(_ id: MessageID) -> Message? {
        entries[id]?.message
    }

    /// The cached message `id` for an IWANT from `peer`, with the number of times `peer`
    /// has now asked for it (this request included). The router serves it only while
    /// `count <= retransmissionMax`; the count saturates just past the limit, and a peer
    /// beyond `requestingPeersPerMessageMax` is answered as if it were past the limit.
    public mutating func getForPeer(_ id: MessageID, peer: Peer) -> (message: Message, count: Int)? {
        // Read fields one at a time so no copy of the counts is held while they change.
        guard let message = entries[id]?.message else { return nil }
        let pastLimit = retransmissionMax + 1
        let previous = entries[id]?.requestCounts[peer]
        let requestingCount = entries[id]?.requestCounts.count ?? 0
        if previous == nil && requestingCount >= requestingPeersPerMessageMax {
            return (message, pastLimit)
        }
        let count = min((previous ?? 0) + 1, pastLimit)
        entries[id]?.requestCounts[peer] = count
        return (message, count)
    }

    /// The ids of `topic` cached in the last `gossipLength` windows: newest window first,
    /// each window in the order its messages were put (as go `GetGossipIDs`).
    public func gossipIDs(topic: String) -> [MessageID] {
        var ids: [MessageID] = []
        var end = order.count
        while end > 0 {
            let window = order[end - 1].window
            guard currentWindow - window < UInt64(gossipLength) else { break }
            var start = end - 1
            while start > 0 && order[start - 1].window == window { start -= 1 }
            for position in start..<end where order[position].topic == topic {
                ids.append(order[position].id)
            }
            end = start
        }
        return ids
    }

    /// Starts a new window (once per heartbeat), dropping the messages of the window that
    /// falls out of the history.
    public mutating func shift() {
        currentWindow += 1
        while let oldest = order.first, currentWindow - oldest.window >= UInt64(historyLength) {
            order.popFirst()
            entries[oldest.id] = nil
        }
    }
}
