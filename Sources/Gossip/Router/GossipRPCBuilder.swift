/// Fills one outbound RPC from a peer's queue within the peer decoder's limits and a byte
/// budget (the transport's room); the first item is always taken, so a queue never
/// stalls on an item larger than the room. Queued messages the peer no longer wants
/// (it sent IDONTWANT for them, or sent us the message) are dropped on the way and counted.
struct GossipRPCBuilder {
    let limits: GossipRPCLimits
    let byteBudget: Int
    private(set) var rpc = GossipRPC()
    /// Estimated encoded size of `rpc`.
    private(set) var byteCount = 0
    private(set) var messageCount = 0
    /// Subscriptions and control entries taken.
    private(set) var otherEntryCount = 0

    init(limits: GossipRPCLimits, byteBudget: Int) {
        self.limits = limits
        self.byteBudget = byteBudget
    }

    /// Whether an item of `byteCount` bytes still fits (the first always does).
    private func fits(_ byteCount: Int) -> Bool {
        self.byteCount == 0 || self.byteCount + byteCount <= byteBudget
    }

    /// Takes subscriptions, control entries, then our own messages.
    mutating func takeUrgent(
        from queue: inout GossipOutboundQueue, doesNotWant: (GossipMessageID) -> Bool, statistics: inout GossipRouterStatistics
    ) {
        var subscriptionCount = 0
        while subscriptionCount < queue.subscriptions.count, subscriptionCount < limits.subscriptionCountMax {
            let subscription = queue.subscriptions[subscriptionCount]
            let size = GossipOutbox.fieldByteCount(GossipOutbox.fieldByteCount(subscription.topic.utf8.count) + 2)
            guard fits(size) else { break }
            rpc.subscriptions.append(subscription)
            byteCount += size
            subscriptionCount += 1
        }
        queue.subscriptions.removeFirst(subscriptionCount)
        otherEntryCount += subscriptionCount
        takeControl(from: &queue.control)
        takeMessages(from: &queue.published, doesNotWant: doesNotWant, statistics: &statistics)
    }

    /// Takes forwards and IWANT replies.
    mutating func takeForwards(
        from messages: inout GossipQueuedMessages, doesNotWant: (GossipMessageID) -> Bool, statistics: inout GossipRouterStatistics
    ) {
        takeMessages(from: &messages, doesNotWant: doesNotWant, statistics: &statistics)
    }

    private mutating func takeControl(from entries: inout [GossipControlEntry]) {
        var taken = 0
        var control = rpc.control ?? GossipControlMessage()
        var choke = rpc.choke ?? GossipChokeMessage()
        while taken < entries.count, taken < limits.controlEntryCountMax {
            let entry = entries[taken]
            guard fits(entry.estimatedByteCount) else { break }
            byteCount += entry.estimatedByteCount
            entry.append(to: &control, choke: &choke)
            taken += 1
        }
        entries.removeFirst(taken)
        otherEntryCount += taken
        if !control.isEmpty { rpc.control = control }
        if !choke.isEmpty { rpc.choke = choke }
    }

    private mutating func takeMessages(
        from messages: inout GossipQueuedMessages, doesNotWant: (GossipMessageID) -> Bool, statistics: inout GossipRouterStatistics
    ) {
        while let next = messages.first, messageCount < limits.messageCountMax {
            if doesNotWant(next.id) {
                _ = messages.popFirst()
                statistics.outboundMessagesCancelled += 1
                continue
            }
            guard fits(next.byteCount) else { return }
            _ = messages.popFirst()
            rpc.messages.append(next.message)
            byteCount += next.byteCount
            messageCount += 1
        }
    }
}
