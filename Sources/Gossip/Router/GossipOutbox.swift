import Identity

/// What one router call sends, batched per peer: one RPC per peer unless the peer's
/// decoder limits (`GossipRPCLimits`) force a split, and at most a configured number of
/// messages and control entries per peer per call. Peers come out in the order they were
/// first queued to, which keeps runs reproducible.
struct GossipOutbox: Sendable {
    /// Bytes assumed for a message's fields other than `data`, to stay under the RPC size limit.
    static let messageOverheadByteCount = 512

    private struct Queue: Sendable {
        var rpcs: [GossipRPC] = [GossipRPC()]
        var byteEstimate = 0
        var messageCount = 0
        var controlEntryCount = 0
    }

    let limits: GossipRPCLimits
    let messageCountMax: Int
    let controlEntryCountMax: Int
    private var order: [PeerID] = []
    private var queues: [PeerID: Queue] = [:]

    init(limits: GossipRPCLimits, messageCountMax: Int, controlEntryCountMax: Int) {
        self.limits = limits
        self.messageCountMax = messageCountMax
        self.controlEntryCountMax = controlEntryCountMax
    }

    /// Queues `message` for `peer`; false when the peer's per-call message limit is reached.
    mutating func add(_ message: GossipMessage, to peer: PeerID) -> Bool {
        var queue = takeQueue(of: peer)
        defer { queues[peer] = queue }
        guard queue.messageCount < messageCountMax else { return false }
        let byteCount = (message.data?.count ?? 0) + message.topic.utf8.count + Self.messageOverheadByteCount
        let last = queue.rpcs[queue.rpcs.count - 1]
        if last.messages.count >= limits.messageCountMax
            || (!last.messages.isEmpty && queue.byteEstimate + byteCount > limits.rpcByteCountMax) {
            queue.rpcs.append(GossipRPC())
            queue.byteEstimate = 0
        }
        queue.rpcs[queue.rpcs.count - 1].messages.append(message)
        queue.byteEstimate += byteCount
        queue.messageCount += 1
        return true
    }

    /// Queues a subscription change for `peer` (announcements are few: one per topic).
    mutating func add(_ subscription: GossipSubscription, to peer: PeerID) {
        var queue = takeQueue(of: peer)
        if queue.rpcs[queue.rpcs.count - 1].subscriptions.count >= limits.subscriptionCountMax {
            queue.rpcs.append(GossipRPC())
            queue.byteEstimate = 0
        }
        queue.rpcs[queue.rpcs.count - 1].subscriptions.append(subscription)
        queues[peer] = queue
    }

    /// Queues a control entry for `peer`; false when the peer's per-call control limit is reached.
    mutating func add(_ entry: GossipControlEntry, to peer: PeerID) -> Bool {
        var queue = takeQueue(of: peer)
        defer { queues[peer] = queue }
        guard queue.controlEntryCount < controlEntryCountMax else { return false }
        var control = queue.rpcs[queue.rpcs.count - 1].control ?? GossipControlMessage()
        if Self.entryCount(of: control) >= limits.controlEntryCountMax {
            queue.rpcs.append(GossipRPC())
            queue.byteEstimate = 0
            control = GossipControlMessage()
        }
        switch entry {
        case .ihave(let ihave): control.ihave.append(ihave)
        case .iwant(let iwant): control.iwant.append(iwant)
        case .graft(let graft): control.graft.append(graft)
        case .prune(let prune): control.prune.append(prune)
        case .idontwant(let idontwant): control.idontwant.append(idontwant)
        }
        queue.rpcs[queue.rpcs.count - 1].control = control
        queue.controlEntryCount += 1
        return true
    }

    /// The queued RPCs as send actions, each restricted to its peer's version.
    func actions(version: (PeerID) -> GossipProtocolVersion?) -> [GossipRouterAction] {
        var actions: [GossipRouterAction] = []
        for peer in order {
            guard let queue = queues[peer] else { continue }
            let peerVersion = version(peer) ?? .v1_0
            for rpc in queue.rpcs {
                let restricted = rpc.restricted(to: peerVersion)
                guard !restricted.subscriptions.isEmpty || !restricted.messages.isEmpty || restricted.control != nil
                else { continue }
                actions.append(.send(peer, restricted))
            }
        }
        return actions
    }

    private mutating func takeQueue(of peer: PeerID) -> Queue {
        if let queue = queues.removeValue(forKey: peer) { return queue }
        order.append(peer)
        return Queue()
    }

    private static func entryCount(of control: GossipControlMessage) -> Int {
        control.ihave.count + control.iwant.count + control.graft.count + control.prune.count + control.idontwant.count
    }
}
