/// One peer's outbound queue: what the router decided to send the peer that the transport
/// has not taken yet, and how many bytes the transport can take now.
///
/// Two classes leave in this order: first the urgent part (subscriptions, control entries
/// such as IDONTWANT, and our own messages), then forwards (relayed messages and IWANT
/// replies). The urgent part never shares an RPC with forwards, so a small IDONTWANT is
/// not held back behind a large message. Messages wait in arrival order; the caps and
/// the age limits drop from the oldest end.
struct GossipOutboundQueue: Sendable {
    /// How urgently a queued message leaves.
    enum Priority: Sendable {
        /// Our own messages: after control, before any forward.
        case published
        /// Messages relayed for others and IWANT replies: last, and dropped when stale.
        case forwarded
    }

    /// A queued message with its id, the time it was queued and its encoded size.
    struct Entry: Sendable {
        let message: GossipMessage
        let id: GossipMessageID
        let queuedAt: Duration
        let byteCount: Int
    }

    /// Subscription changes not yet sent.
    var subscriptions: [GossipSubscription] = []
    /// Control entries not yet sent, in the order queued.
    var control: [GossipControlEntry] = []
    /// Our own messages, oldest first.
    var published = GossipQueuedMessages()
    /// Forwards and IWANT replies, oldest first.
    var forwarded = GossipQueuedMessages()
    /// Bytes the transport can take now; nil while the transport does not meter this peer
    /// (then everything queued leaves at the end of each router call).
    var writableByteCount: Int?

    /// Messages queued, both classes.
    var messageCount: Int { published.count + forwarded.count }
    /// Encoded bytes of the messages queued, both classes.
    var messageByteCount: Int { published.byteCount + forwarded.byteCount }

    /// Whether nothing at all waits.
    var isEmpty: Bool { subscriptions.isEmpty && control.isEmpty && published.isEmpty && forwarded.isEmpty }

    /// Whether the transport can take another RPC now.
    var canSend: Bool { writableByteCount.map { $0 > 0 } ?? true }

    /// Urgent items waiting: subscriptions, control entries and our own messages.
    var urgentCount: Int { subscriptions.count + control.count + published.count }

    /// Whether an urgent RPC (subscriptions, control, our messages) waits.
    var hasUrgent: Bool { !subscriptions.isEmpty || !control.isEmpty || !published.isEmpty }

    /// Queues `entry` at `priority`. To stay within `messageCountMax` messages and
    /// `byteCountMax` bytes, the oldest forwards are dropped first; when that is not
    /// enough the new message is refused. Returns the number of messages dropped (the
    /// oldest forwards, plus the new one when refused) and whether it was queued.
    mutating func add(_ entry: Entry, priority: Priority, messageCountMax: Int, byteCountMax: Int) -> (dropped: Int, queued: Bool) {
        var dropped = 0
        while messageCount + 1 > messageCountMax || messageByteCount + entry.byteCount > byteCountMax,
              forwarded.popFirst() != nil {
            dropped += 1
        }
        guard messageCount + 1 <= messageCountMax, messageByteCount + entry.byteCount <= byteCountMax else {
            return (dropped + 1, false)
        }
        switch priority {
        case .published: published.append(entry)
        case .forwarded: forwarded.append(entry)
        }
        return (dropped, true)
    }

    /// Drops, from the oldest end, forwards queued before `forwardCutoff` and our own
    /// messages queued before `publishCutoff`; returns how many went.
    mutating func dropStale(forwardCutoff: Duration, publishCutoff: Duration) -> Int {
        var dropped = 0
        while let first = forwarded.first, first.queuedAt < forwardCutoff {
            _ = forwarded.popFirst()
            dropped += 1
        }
        while let first = published.first, first.queuedAt < publishCutoff {
            _ = published.popFirst()
            dropped += 1
        }
        return dropped
    }

    /// Spends `byteCount` of the transport's room, when it is metered.
    mutating func spend(_ byteCount: Int) {
        if let writable = writableByteCount {
            writableByteCount = writable - byteCount
        }
    }
}
