import Gossip
import Identity
import Simulation
import Sodium
import Testing

/// Many routers on the simulator's virtual clock over a random connected topology.
@Suite("GossipRouter in the simulator")
struct GossipRouterSimulationTests {
    static let topic = "blocks"
    static let heartbeatTimer = 0

    /// One router as a simulated node: RPCs travel as protobuf bytes, and every delivery
    /// is recorded with its virtual time.
    struct Node: SimulatedNode {
        var router: GossipRouter
        let peerIDs: [PeerID]
        let indexByPeer: [PeerID: Int]
        var deliveries: [GossipMessageID: Duration] = [:]
        var decodingFailures = 0
        var disconnects = 0

        mutating func receive(_ message: [UInt8], from peer: Int, now: Duration) -> [SimulationAction] {
            guard let rpc = try? GossipRPC(protobufBytes: message) else {
                decodingFailures += 1
                return []
            }
            return convert(router.receive(rpc, from: peerIDs[peer], now: now), now: now)
        }

        mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction] {
            let actions = convert(router.heartbeat(now: now), now: now)
            return actions + [.setTimer(GossipRouterSimulationTests.heartbeatTimer, after: router.configuration.heartbeatInterval)]
        }

        mutating func convert(_ actions: [GossipRouterAction], now: Duration) -> [SimulationAction] {
            var converted: [SimulationAction] = []
            for action in actions {
                switch action {
                case .send(let peer, let rpc):
                    if let index = indexByPeer[peer] { converted.append(.send(rpc.protobufBytes, to: index)) }
                case .deliver(_, let id):
                    if deliveries[id] == nil { deliveries[id] = now }
                case .disconnect:
                    disconnects += 1
                }
            }
            return converted
        }
    }

    /// A spanning tree plus random edges up to about `degree` links a node.
    static func randomTopology(nodeCount: Int, degree: Int, random: inout SimulationRandom) -> Set<[Int]> {
        var edges: Set<[Int]> = []
        for node in 1..<nodeCount {
            let other = Int(random.next() % UInt64(node))
            edges.insert([other, node])
        }
        while edges.count < nodeCount * degree / 2 {
            let first = Int(random.next() % UInt64(nodeCount))
            let second = Int(random.next() % UInt64(nodeCount))
            guard first != second else { continue }
            edges.insert([min(first, second), max(first, second)])
        }
        return edges
    }

    static func makeSimulator(nodeCount: Int, seed: UInt64, floodPublish: Bool) throws -> Simulator<Node> {
        var keys: [IdentityKey] = []
        for index in 0..<nodeCount {
            var seedBytes = [UInt8](repeating: 0, count: 32)
            seedBytes[0] = UInt8(index & 0xff)
            seedBytes[1] = UInt8(index >> 8)
            keys.append(IdentityKey(privateKey: try Ed25519PrivateKey(seed: seedBytes)))
        }
        var configuration = GossipRouterConfiguration()
        configuration.floodPublish = floodPublish
        let peerIDs = keys.map(\.peerID)
        let indexByPeer = Dictionary(uniqueKeysWithValues: peerIDs.enumerated().map { ($1, $0) })
        let nodes = keys.enumerated().map { index, key in
            Node(router: GossipRouter(localPeer: key.peerID, identity: key, configuration: configuration,
                                      seed: seed &+ UInt64(index)),
                 peerIDs: peerIDs, indexByPeer: indexByPeer)
        }
        return Simulator(nodes: nodes, seed: seed)
    }

    /// 64 routers, average degree 8, links of 10–50 ms: 20 messages from random
    /// publishers reach every node, with flood publish on reliable links, and through
    /// mesh forwarding and IHAVE/IWANT repair alone on links that lose 5% of RPCs.
    /// Latency and duplicate figures are printed.
    @Test(arguments: [(0.0, true), (0.05, false)])
    func twentyMessagesReachEveryNode(loss: Double, floodPublish: Bool) throws {
        let nodeCount = 64
        var simulator = try Self.makeSimulator(nodeCount: nodeCount, seed: 0x6055_1905, floodPublish: floodPublish)
        var random = simulator.makeRandom()
        let link = LinkModel(latencyMin: .milliseconds(10), latencyMax: .milliseconds(50), lossProbability: loss)
        for node in 0..<nodeCount {
            simulator.perform(on: node) { node, now in node.convert(node.router.subscribe(Self.topic, now: now), now: now) }
        }
        for edge in Self.randomTopology(nodeCount: nodeCount, degree: 8, random: &random).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let (dialler, listener) = (edge[0], edge[1])
            simulator.connect(dialler, listener, model: link)
            let listenerPeer = simulator.nodes[listener].router.localPeer
            let diallerPeer = simulator.nodes[dialler].router.localPeer
            simulator.perform(on: dialler) { node, now in
                node.convert(node.router.addPeer(listenerPeer, version: .v1_2, outbound: true, now: now), now: now)
            }
            simulator.perform(on: listener) { node, now in
                node.convert(node.router.addPeer(diallerPeer, version: .v1_2, outbound: false, now: now), now: now)
            }
        }
        for node in 0..<nodeCount {
            let offset = Duration.milliseconds(Int64(random.next() % 1000))
            simulator.perform(on: node) { _, _ in [.setTimer(Self.heartbeatTimer, after: offset)] }
        }
        simulator.run(until: .seconds(5))

        var published: [(id: GossipMessageID, publisher: Int, time: Duration)] = []
        for index in 0..<20 {
            simulator.run(until: .seconds(5) + .milliseconds(250 * Int64(index)))
            let publisher = Int(random.next() % UInt64(nodeCount))
            let data = [UInt8](repeating: UInt8(index), count: 64 + index * 100)
            simulator.perform(on: publisher) { node, now in
                guard let (id, actions) = try? node.router.publish(data, topic: Self.topic, seqno: UInt64(index + 1), now: now)
                else { return [] }
                published.append((id, publisher, now))
                return node.convert(actions, now: now)
            }
        }
        #expect(published.count == 20)
        simulator.run(until: simulator.now + .seconds(5))

        var latencies: [Duration] = []
        var missing = 0
        for message in published {
            for node in 0..<nodeCount where node != message.publisher {
                guard let delivered = simulator.nodes[node].deliveries[message.id] else {
                    missing += 1
                    continue
                }
                latencies.append(delivered - message.time)
            }
        }
        #expect(missing == 0)
        let nodes = simulator.nodes
        #expect(nodes.allSatisfy { $0.decodingFailures == 0 && $0.disconnects == 0 })
        let duplicates = nodes.reduce(0) { $0 + $1.router.statistics.duplicateMessages }
        let copies = nodes.reduce(0) { $0 + $1.router.statistics.messagesSent }
        let served = nodes.reduce(0) { $0 + $1.router.statistics.iwantMessagesServed }
        let meshSizes = nodes.map { $0.router.meshPeers(of: Self.topic).count }
        latencies.sort()
        let milliseconds = { (duration: Duration) in Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000 }
        let mean = latencies.map(milliseconds).reduce(0, +) / Double(max(latencies.count, 1))
        print("""
            gossip simulation (seed \(simulator.seed), loss \(loss), flood publish \(floodPublish)): \(nodeCount) nodes, \(published.count) messages, \
            \(latencies.count) deliveries, \(missing) missing; latency ms mean \(mean.rounded()) \
            p50 \(milliseconds(latencies[latencies.count / 2]).rounded()) \
            p99 \(milliseconds(latencies[latencies.count * 99 / 100]).rounded()) \
            max \(milliseconds(latencies[latencies.count - 1]).rounded()); duplicates \(duplicates) \
            (\(Double(duplicates) / Double(max(latencies.count, 1))) per delivery); message copies sent \(copies); \
            mesh sizes \(meshSizes.min() ?? 0)…\(meshSizes.max() ?? 0); RPCs \(simulator.statistics.messagesSent) \
            (\(simulator.statistics.messagesLost) lost); served for IWANT \(served)
            """)
        #expect(meshSizes.allSatisfy { $0 >= 1 && $0 <= GossipRouterConfiguration().meshDegreeHigh })
    }
}
