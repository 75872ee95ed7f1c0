import Identity

extension GossipRouter {
    /// The transport can take `byteCount` more bytes for `peer` now: its socket send buffer
    /// or stream window has that much room (`Network`), or its link has finished sending
    /// (the simulator). Queued RPCs leave, most urgent first, until that room is spent (the
    /// last RPC may overrun it; at least one leaves when `byteCount` is positive).
    ///
    /// From the first call for a peer on, the router meters it: RPCs for it then leave only
    /// in answer to this call, or at the end of another call while room remains. A peer
    /// never reported here is unmetered: its RPCs leave at the end of every call.
    /// - Precondition: `byteCount` is not negative.
    public mutating func peerWritable(_ peer: PeerID, byteCount: Int, now: Duration) -> [GossipRouterAction] {
        precondition(byteCount >= 0, "writable byte counts cannot be negative")
        guard peers[peer] != nil else { return [] }
        outbox.setWritable(peer, byteCount: byteCount)
        return flush(now: now)
    }

    /// Queues a control entry for `peer`, counting it when the queue's control cap drops it.
    mutating func queue(_ entry: GossipControlEntry, to peer: PeerID) {
        if !outbox.add(entry, to: peer) {
            statistics.outboundControlEntriesDropped += 1
        }
    }

    /// Queues message `id` for `peer`; the caps may drop older forwards or this message,
    /// which is counted.
    mutating func queue(
        _ message: GossipMessage, id: GossipMessageID, priority: GossipOutboundQueue.Priority, to peer: PeerID,
        now: Duration
    ) {
        outbox.add(message, id: id, priority: priority, to: peer, now: now, statistics: &statistics)
    }

    /// The peers with anything waiting in their outbound queues.
    public var peersWithQueuedRPCs: Set<PeerID> {
        outbox.peersWithQueuedItems
    }

    /// Whether anything waits in any peer's outbound queue (cheaper than
    /// `peersWithQueuedRPCs` when only that is asked).
    public var hasQueuedRPCs: Bool {
        outbox.hasQueuedItems
    }

    /// Messages waiting in `peer`'s outbound queue (the transport has not taken them yet).
    public func queuedMessageCount(for peer: PeerID) -> Int {
        outbox.queuedMessageCount(for: peer)
    }

    /// Urgent items waiting in `peer`'s outbound queue: subscription changes, control
    /// entries and our own messages, which leave before any forward.
    public func queuedUrgentCount(for peer: PeerID) -> Int {
        outbox.queuedUrgentCount(for: peer)
    }
}
