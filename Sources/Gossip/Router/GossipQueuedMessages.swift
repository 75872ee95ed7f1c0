/// Queued messages of one class, oldest first: appends at the end, pops from the front in
/// O(1) (a head index into an array that is compacted once half of it is spent), and the
/// total of their encoded sizes.
struct GossipQueuedMessages: Sendable {
    private var entries: [GossipOutboundQueue.Entry] = []
    private var head = 0
    /// Encoded bytes of the messages waiting.
    private(set) var byteCount = 0

    /// Messages waiting.
    var count: Int { entries.count - head }
    var isEmpty: Bool { head == entries.count }
    /// The oldest message waiting.
    var first: GossipOutboundQueue.Entry? { isEmpty ? nil : entries[head] }

    mutating func append(_ entry: GossipOutboundQueue.Entry) {
        entries.append(entry)
        byteCount += entry.byteCount
    }

    /// Removes and returns the oldest message.
    mutating func popFirst() -> GossipOutboundQueue.Entry? {
        guard !isEmpty else { return nil }
        let entry = entries[head]
        head += 1
        byteCount -= entry.byteCount
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 && head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return entry
    }
}
