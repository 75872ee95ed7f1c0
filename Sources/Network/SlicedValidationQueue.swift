import Gossip

/// Messages waiting for a sliced validator (`GossipNode.setSlicedValidator`), first in,
/// first out. Its size is bounded by the router, which holds at most
/// `validationCountMax` messages for asynchronous validators.
struct SlicedValidationQueue {
    private var entries: [(message: GossipMessage, id: GossipMessageID)] = []
    private var head = 0

    var isEmpty: Bool { head == entries.count }
    var count: Int { entries.count - head }

    mutating func append(_ message: GossipMessage, id: GossipMessageID) {
        entries.append((message, id))
    }

    /// The oldest message, removed.
    mutating func popFirst() -> (message: GossipMessage, id: GossipMessageID)? {
        guard head < entries.count else { return nil }
        let first = entries[head]
        head += 1
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1_024, head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return first
    }
}
