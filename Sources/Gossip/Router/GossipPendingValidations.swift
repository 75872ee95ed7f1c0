import Identity

/// Messages held while an asynchronous validator looks at them, by id, with their
/// deadlines in the order they were added (all share one timeout, so that order is the
/// order of expiry). Bounded by `countMax` entries, and the deadline queue by twice that.
struct GossipPendingValidations: Sendable {
    /// A held message.
    struct Entry: Sendable {
        let message: GossipMessage
        /// The peer it came from first.
        let source: PeerID
        let deadline: Duration
        /// Other peers that sent it while it was held (at most `senderCountMax`): it is not
        /// forwarded back to them (as rust-libp2p's originating peers).
        var otherSenders: Set<PeerID> = []
    }

    /// The most other senders remembered per held message.
    static let senderCountMax = 32

    let countMax: Int
    let timeout: Duration
    private var entries: [GossipMessageID: Entry] = [:]
    private var deadlines = ExpiryQueue<(id: GossipMessageID, deadline: Duration)>()

    init(countMax: Int, timeout: Duration) {
        self.countMax = countMax
        self.timeout = timeout
    }

    var count: Int { entries.count }
    /// Deadlines queued, answered entries' included until they expire or are compacted away.
    var deadlineCount: Int { deadlines.count }
    var isFull: Bool { entries.count >= countMax }

    func contains(_ id: GossipMessageID) -> Bool { entries[id] != nil }

    /// Holds `message` until `now + timeout`.
    /// - Precondition: the table is not full and `id` is not held.
    mutating func add(_ message: GossipMessage, id: GossipMessageID, source: PeerID, now: Duration) {
        precondition(!isFull && entries[id] == nil, "a validation slot must be free and the id new")
        let deadline = now + timeout
        entries[id] = Entry(message: message, source: source, deadline: deadline)
        deadlines.append((id, deadline))
        if deadlines.count >= 2 * countMax { compactDeadlines() }
    }

    /// Rebuilds the deadline queue from the held entries, dropping the deadlines of
    /// answered ones, so that it stays within twice `countMax`.
    private mutating func compactDeadlines() {
        deadlines = ExpiryQueue()
        let held = entries.map { (id: $0.key, deadline: $0.value.deadline) }
        let ordered = held.sorted {
            $0.deadline != $1.deadline ? $0.deadline < $1.deadline : $0.id.bytes.lexicographicallyPrecedes($1.id.bytes)
        }
        for item in ordered {
            deadlines.append(item)
        }
    }

    /// `peer` sent the held message `id` again; false when `id` is not held.
    @discardableResult
    mutating func noteCopy(of id: GossipMessageID, from peer: PeerID) -> Bool {
        guard var entry = entries[id] else { return false }
        if peer != entry.source && entry.otherSenders.count < Self.senderCountMax {
            entry.otherSenders.insert(peer)
            entries[id] = entry
        }
        return true
    }

    /// Takes the message with `id` out, if held.
    mutating func remove(_ id: GossipMessageID) -> Entry? {
        let entry = entries.removeValue(forKey: id)
        if entries.isEmpty { deadlines = ExpiryQueue() }
        return entry
    }

    /// Takes out the messages whose deadline has passed at `now`, oldest first.
    mutating func removeExpired(now: Duration) -> [(id: GossipMessageID, entry: Entry)] {
        var expired: [(id: GossipMessageID, entry: Entry)] = []
        while let first = deadlines.first, first.deadline <= now {
            deadlines.popFirst()
            // An entry already answered is gone; one held again later has a later deadline.
            guard let entry = entries[first.id], entry.deadline == first.deadline else { continue }
            entries[first.id] = nil
            expired.append((first.id, entry))
        }
        return expired
    }
}
