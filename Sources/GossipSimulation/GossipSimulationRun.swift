import Gossip
import Identity
import Simulation
import Sodium

/// One scenario: `nodeCount` routers on a random topology subscribe to one topic, warm up
/// their meshes, then `messageCount` messages are published from random nodes.
public struct GossipSimulationRun {
    public static let topic = "oln-sim"
    /// 20 Mbit/s, in bytes per second: a modest home uplink.
    public static let defaultUplinkBandwidth = 20_000_000 / 8
    /// 4 KiB: the router keeps anything beyond this in its own queue, where control goes
    /// first and unwanted or stale copies can still be dropped.
    public static let defaultSendBufferByteCount = 4096
    /// Messages whose verified signatures the routers share (each distinct message is
    /// verified once, not once per router); the oldest are forgotten beyond this.
    public static let verifiedMessageCountMax = 1 << 16

    public var nodeCount: Int
    public var degree = 20
    public var latency: ClosedRange<Duration> = .milliseconds(20)...(.milliseconds(100))
    public var lossProbability = 0.0
    /// Bytes per second each node's uplink carries, shared by all its links; nil for
    /// unlimited (then every copy is on its way at once).
    public var uplinkBandwidth: Int? = Self.defaultUplinkBandwidth
    /// The room a node's router gets for one peer when its uplink is idle (see
    /// `SimulatedGossipNode`); used only with an uplink bandwidth.
    public var sendBufferByteCount = Self.defaultSendBufferByteCount
    public var messageCount: Int
    public var messageByteCount = 256
    public var publishInterval: Duration = .milliseconds(20)
    public var warmUp: Duration = .seconds(5)
    public var configuration = GossipRouterConfiguration()
    /// Nodes that take part but forward nothing.
    public var silentNodes: Set<Int> = []
    /// Silent nodes that also flood every peer with this many forged messages a heartbeat.
    public var invalidMessagesPerHeartbeat = 0
    /// Nodes whose validator runs asynchronously and accepts each message
    /// `validationDelay` after it arrives (a slow validator off the loop thread).
    public var delayedValidationNodes: Set<Int> = []
    public var validationDelay: Duration = .milliseconds(50)
    /// An eclipse attempt: this many extra silent nodes, linked only to `target`.
    public var eclipse: (target: Int, sybilCount: Int)?
    public let seed: UInt64

    public init(nodeCount: Int, messageCount: Int, seed: UInt64) {
        self.nodeCount = nodeCount
        self.messageCount = messageCount
        self.seed = seed
    }

    /// Runs the scenario and measures it.
    public func run() throws -> GossipSimulationFigures {
        try runKeepingSimulator().figures
    }

    /// Runs the scenario; also returns the simulator, to inspect the nodes afterwards.
    public func runKeepingSimulator() throws -> (figures: GossipSimulationFigures, simulator: Simulator<SimulatedGossipNode>) {
        var random = SimulationRandom(seed: seed)
        var topology = GossipTopology(nodeCount: nodeCount, degree: degree, latency: latency, random: &random)
        var scenario = self
        if let eclipse {
            topology = GossipTopology(eclipsing: eclipse.target, with: eclipse.sybilCount, around: topology, latency: latency.lowerBound)
            scenario.silentNodes.formUnion(nodeCount..<topology.nodeCount)
            scenario.nodeCount = topology.nodeCount
        }
        return try scenario.simulate(on: topology, random: &random)
    }

    private func simulate(on topology: GossipTopology, random: inout SimulationRandom) throws -> (figures: GossipSimulationFigures, simulator: Simulator<SimulatedGossipNode>) {
        var simulator = try makeSimulator(topology)
        start(&simulator, &random)
        simulator.run(until: warmUp)
        var published: [(id: GossipMessageID, publisher: Int, at: Duration)] = []
        for index in 0..<messageCount {
            let publisher = honestNode(&random)
            let data = (0..<messageByteCount).map { UInt8(truncatingIfNeeded: $0 &+ index) }
            var id: GossipMessageID?
            simulator.perform(on: publisher) { node, now in
                guard let (messageID, actions) = try? node.router.publish(data, topic: Self.topic, seqno: UInt64(index + 1), now: now) else { return [] }
                id = messageID
                return node.convert(actions, now: now)
            }
            if let id { published.append((id, publisher, simulator.now)) }
            simulator.run(until: simulator.now + publishInterval)
        }
        simulator.run(until: simulator.now + .seconds(10))
        return (measure(simulator, topology, published), simulator)
    }

    private func makeSimulator(_ topology: GossipTopology) throws -> Simulator<SimulatedGossipNode> {
        var keys: [IdentityKey] = []
        for index in 0..<nodeCount {
            var seedBytes = [UInt8](repeating: 0, count: 32)
            for byte in 0..<8 { seedBytes[byte] = UInt8(truncatingIfNeeded: (seed &+ UInt64(index)) >> (8 * UInt64(byte))) }
            seedBytes[8] = UInt8(truncatingIfNeeded: index)
            seedBytes[9] = UInt8(truncatingIfNeeded: index >> 8)
            keys.append(IdentityKey(privateKey: try Ed25519PrivateKey(seed: seedBytes)))
        }
        let peerIDs = keys.map(\.peerID)
        let indexByPeer = Dictionary(uniqueKeysWithValues: peerIDs.enumerated().map { ($1, $0) })
        var configuration = configuration
        if configuration.verifiedMessages == nil {
            configuration.verifiedMessages = VerifiedEnvelopes(capacity: Self.verifiedMessageCountMax)
        }
        let nodes = keys.enumerated().map { index, key in
            var node = SimulatedGossipNode(
                router: GossipRouter(localPeer: key.peerID, identity: key, configuration: configuration, seed: seed &+ UInt64(index)),
                peerIDs: peerIDs, indexByPeer: indexByPeer)
            node.forwards = !silentNodes.contains(index)
            if delayedValidationNodes.contains(index) {
                node.router.setValidation(.asynchronous, for: Self.topic)
                node.validationDelay = validationDelay
            }
            node.sendBufferByteCount = uplinkBandwidth == nil ? nil : sendBufferByteCount
            if silentNodes.contains(index) { node.invalidMessagesPerHeartbeat = invalidMessagesPerHeartbeat }
            return node
        }
        var simulator = Simulator(nodes: nodes, seed: seed)
        for node in 0..<nodes.count {
            simulator.setUplink(of: node, bandwidth: uplinkBandwidth)
        }
        for (first, second, linkLatency) in topology.edges {
            simulator.connect(first, second, model: LinkModel(
                latencyMin: linkLatency, latencyMax: linkLatency, lossProbability: lossProbability))
        }
        return simulator
    }

    /// Every node meets its neighbours, subscribes, and starts its heartbeat at a random
    /// offset within the first interval.
    private func start(_ simulator: inout Simulator<SimulatedGossipNode>, _ random: inout SimulationRandom) {
        let interval = configuration.heartbeatInterval
        for node in 0..<nodeCount {
            let neighbours = simulator.neighbours(of: node)
            let offset = interval * random.nextFraction()
            simulator.perform(on: node) { state, now in
                var actions: [SimulationAction] = []
                for neighbour in neighbours {
                    actions += state.meet(neighbour, outbound: node < neighbour, now: now)
                }
                actions += state.convert(state.router.subscribe(Self.topic, now: now), now: now)
                return actions + [.setTimer(SimulatedGossipNode.heartbeatTimer, after: offset)]
            }
        }
    }

    private func honestNode(_ random: inout SimulationRandom) -> Int {
        while true {
            let node = Int(random.next() % UInt64(nodeCount))
            if !silentNodes.contains(node) { return node }
        }
    }
}
