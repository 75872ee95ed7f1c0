/// Runs nodes over simulated links on a virtual clock. Every random draw comes from the
/// seed, so the same nodes, topology, seed and inputs give the same run.
public struct Simulator<Node: SimulatedNode> {
    public private(set) var nodes: [Node]
    public private(set) var now: Duration = .zero
    public let seed: UInt64
    public private(set) var statistics: SimulationStatistics
    private var random: SimulationRandom
    private var queue = SimulationEventQueue<SimulationEvent>()
    /// Each node's outgoing links, by the node at the other end.
    private var links: [[Int: SimulatedLink]]
    private var uplinks: [SimulatedUplink]
    private var downNodes: Set<Int> = []
    private var partitionGroup: [Int]?

    public init(nodes: [Node], seed: UInt64) {
        self.nodes = nodes
        self.seed = seed
        random = SimulationRandom(seed: seed)
        statistics = SimulationStatistics(nodeCount: nodes.count)
        uplinks = Array(repeating: SimulatedUplink(), count: nodes.count)
        links = Array(repeating: [:], count: nodes.count)
    }

    /// Gives `node` an uplink of `bandwidth` bytes per second (nil: unlimited), shared by
    /// all its links: its messages leave one after the other, each at the lower of the
    /// uplink's and its link's rate.
    public mutating func setUplink(of node: Int, bandwidth: Int?) {
        precondition(bandwidth.map { $0 > 0 } ?? true, "bandwidth must be positive")
        uplinks[node].bandwidth = bandwidth
    }

    /// Joins two nodes with a link in each direction.
    public mutating func connect(_ first: Int, _ second: Int, model: LinkModel) {
        precondition(first != second && nodes.indices.contains(first) && nodes.indices.contains(second), "bad link ends")
        links[first][second] = SimulatedLink(model: model)
        links[second][first] = SimulatedLink(model: model)
    }

    /// The nodes `node` has links to, in ascending order.
    public func neighbours(of node: Int) -> [Int] {
        links[node].keys.sorted()
    }

    /// Whether `node` is cut off the network now.
    public func isDown(_ node: Int) -> Bool { downNodes.contains(node) }

    /// Calls into a node at the current time (to publish, say) and carries out its actions.
    public mutating func perform(on node: Int, _ body: (inout Node, Duration) -> [SimulationAction]) {
        let actions = body(&nodes[node], now)
        carry(actions, from: node)
    }

    /// Cuts `node` off the network from `time` until `until` (its timers keep running).
    public mutating func takeDown(_ node: Int, at time: Duration, until: Duration? = nil) {
        queue.push(.down(node), at: time)
        if let until { queue.push(.up(node), at: until) }
    }

    /// Splits the network: from now on messages between nodes of different groups are
    /// dropped, until `heal(at:)`. `group[i]` is node i's group.
    public mutating func partition(_ group: [Int]) {
        precondition(group.count == nodes.count, "one group per node")
        partitionGroup = group
    }

    public mutating func heal(at time: Duration) {
        queue.push(.heal, at: time)
    }

    /// A random number generator derived from the run's seed, for choices a scenario makes.
    public mutating func makeRandom() -> SimulationRandom {
        random.split()
    }

    /// Runs events up to and including `time`, then stops the clock there.
    public mutating func run(until time: Duration) {
        while let next = queue.nextTime, next <= time, let (at, event) = queue.pop() {
            now = at
            handle(event)
        }
        now = max(now, time)
    }

    /// Runs until no event is left or the next one lies past `limit`; the clock stays at
    /// the last event.
    public mutating func runUntilIdle(limit: Duration) {
        while let next = queue.nextTime, next <= limit, let (at, event) = queue.pop() {
            now = at
            handle(event)
        }
    }

    /// Events still waiting.
    public var pendingEventCount: Int { queue.count }

    private mutating func handle(_ event: SimulationEvent) {
        switch event {
        case .deliver(let message, let sender, let receiver):
            guard !isCut(sender, receiver) else {
                statistics.messagesCut += 1
                return
            }
            statistics.messagesDelivered += 1
            carry(nodes[receiver].receive(message, from: sender, now: now), from: receiver)
        case .timer(let timer, let node):
            carry(nodes[node].timerFired(timer, now: now), from: node)
        case .uplinkIdle(let node):
            uplinkBecameIdle(node)
        case .down(let node):
            downNodes.insert(node)
        case .up(let node):
            downNodes.remove(node)
        case .heal:
            partitionGroup = nil
        }
    }

    private mutating func carry(_ actions: [SimulationAction], from node: Int) {
        for action in actions {
            switch action {
            case .send(let message, let receiver):
                send(message, from: node, to: receiver)
            case .setTimer(let timer, let delay):
                queue.push(.timer(timer, node: node), at: now + delay)
            case .notifyWhenUplinkIdle:
                notifyWhenUplinkIdle(node)
            }
        }
    }

    private mutating func send(_ message: [UInt8], from sender: Int, to receiver: Int) {
        guard var link = links[sender][receiver] else {
            preconditionFailure("node \(sender) sent to \(receiver) without a link")
        }
        statistics.messagesSent += 1
        statistics.bytesSent[sender] += message.count
        if isCut(sender, receiver) {
            statistics.messagesCut += 1
            return
        }
        // A lost message still took its time on the link (and the uplink).
        let uplink = uplinks[sender]
        let start = max(now, link.busyUntil, uplink.bandwidth == nil ? .zero : uplink.busyUntil)
        link.busyUntil = start + max(link.model.transmission(of: message.count), uplink.transmission(of: message.count))
        uplinks[sender].busyUntil = max(uplink.busyUntil, link.busyUntil)
        if link.model.lossProbability > 0 && random.nextFraction() < link.model.lossProbability {
            statistics.messagesLost += 1
            links[sender][receiver] = link
            return
        }
        let arrival = max(link.busyUntil + link.model.latency(using: &random), link.lastArrival)
        link.lastArrival = arrival
        links[sender][receiver] = link
        queue.push(.deliver(message: message, from: sender, to: receiver), at: arrival)
    }

    private mutating func notifyWhenUplinkIdle(_ node: Int) {
        guard !uplinks[node].isIdleNotificationPending else { return }
        uplinks[node].isIdleNotificationPending = true
        queue.push(.uplinkIdle(node), at: max(now, uplinks[node].busyUntil))
    }

    /// A pending idle notification is due: sends made since it was set push it back.
    private mutating func uplinkBecameIdle(_ node: Int) {
        if uplinks[node].busyUntil > now {
            queue.push(.uplinkIdle(node), at: uplinks[node].busyUntil)
            return
        }
        uplinks[node].isIdleNotificationPending = false
        carry(nodes[node].uplinkIdle(now: now), from: node)
    }

    private func isCut(_ sender: Int, _ receiver: Int) -> Bool {
        if downNodes.contains(sender) || downNodes.contains(receiver) { return true }
        if let partitionGroup, partitionGroup[sender] != partitionGroup[receiver] { return true }
        return false
    }
}
