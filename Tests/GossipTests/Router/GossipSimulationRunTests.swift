import Gossip
import GossipSimulation
import Simulation
import Testing

/// Routers on the simulator's virtual clock: small runs of the scenarios the gossip-sim
/// benchmark runs at scale. Seeds are fixed, so the figures are exact run to run.
@Suite("Gossip routers in the simulator")
struct GossipSimulationRunTests {
    static func scenario(loss: Double = 0, floodPublish: Bool = true, silent: Int = 0, seed: UInt64 = 0x6055_1905) -> GossipSimulationRun {
        var run = GossipSimulationRun(nodeCount: 64, messageCount: 20, seed: seed)
        run.degree = 8
        run.latency = .milliseconds(10)...(.milliseconds(50))
        run.lossProbability = loss
        run.configuration.floodPublish = floodPublish
        run.publishInterval = .milliseconds(250)
        var random = SimulationRandom(seed: seed ^ 0x5117)
        while run.silentNodes.count < silent { run.silentNodes.insert(Int(random.next() % 64)) }
        return run
    }

    @Test("every message reaches every node, close to shortest-path latency")
    func reliableLinks() throws {
        let figures = try Self.scenario().run()
        print("gossip simulation, reliable links:\n\(figures)")
        #expect(figures.deliveryRatio == 1)
        #expect(figures.latencyP99 <= figures.shortestPathP99 * 1.5)
    }

    @Test("with 5% of RPCs lost and no flood publishing, mesh forwarding and IHAVE/IWANT still deliver everything")
    func lossyLinks() throws {
        let figures = try Self.scenario(loss: 0.05, floodPublish: false).run()
        print("gossip simulation, 5% loss:\n\(figures)")
        #expect(figures.deliveryRatio == 1)
    }

    @Test("choking slower mesh peers down to IHAVE cuts full-message duplicates and still delivers everything")
    func chokingCutsDuplicates() throws {
        var choking = Self.scenario()
        choking.configuration.chokesMeshPeers = true
        choking.messageCount = 60
        choking.publishInterval = .milliseconds(50)
        var eager = choking
        eager.configuration.chokesMeshPeers = false
        let with = try choking.run(), without = try eager.run()
        print("gossip simulation, choking:\n\(with)\nwithout:\n\(without)")
        #expect(with.deliveryRatio == 1 && without.deliveryRatio == 1)
        #expect(with.chokesSent > 0 && with.lazyPushes > 0 && without.chokesSent == 0)
        #expect(with.duplicatesPerNodePerMessage < without.duplicatesPerNodePerMessage * 0.75)
    }

    @Test("choking over links that lose 10% of RPCs: everything arrives, and lost CHOKEs are sent again")
    func chokingOverLossyLinks() throws {
        var choking = Self.scenario(loss: 0.1)
        choking.configuration.chokesMeshPeers = true
        choking.messageCount = 60
        choking.publishInterval = .milliseconds(50)
        let figures = try choking.run()
        print("gossip simulation, choking, 10% loss:\n\(figures)")
        #expect(figures.deliveryRatio >= 0.999)
        #expect(figures.chokesSent > 0 && figures.chokesRepeated > 0)
    }

    @Test("a run is reproducible from its seed")
    func reproducible() throws {
        let first = try Self.scenario(seed: 9).run(), second = try Self.scenario(seed: 9).run()
        #expect(first.latencyP99 == second.latencyP99)
        #expect(first.bytesPerNodePerMessage == second.bytesPerNodePerMessage)
        #expect(first.duplicatesPerNodePerMessage == second.duplicatesPerNodePerMessage)
    }

    @Test("when uplinks queue, IDONTWANT cuts duplicates: queued copies a peer does not want are never sent")
    func idontwantCutsDuplicates() throws {
        func run(idontwantThreshold: Int) throws -> GossipSimulationFigures {
            var run = Self.scenario()
            run.messageByteCount = 16 << 10
            run.publishInterval = .milliseconds(20)
            run.configuration.idontwantThreshold = idontwantThreshold
            return try run.run()
        }
        let with = try run(idontwantThreshold: 1024), without = try run(idontwantThreshold: 1 << 30)
        print("gossip simulation, 16 KiB messages, IDONTWANT:\n\(with)\nwithout:\n\(without)")
        #expect(with.deliveryRatio == 1 && without.deliveryRatio == 1)
        #expect(with.idontwantIDsSent > 0 && without.idontwantIDsSent == 0)
        #expect(with.queuedCopiesCancelled > 0)
        #expect(with.duplicatesPerNodePerMessage < without.duplicatesPerNodePerMessage * 0.9)
    }

    @Test("with 10% of nodes validating asynchronously, 50 ms late, every message still reaches every node")
    func delayedValidation() throws {
        var run = Self.scenario()
        var random = SimulationRandom(seed: 0xda7e)
        while run.delayedValidationNodes.count < 6 { run.delayedValidationNodes.insert(Int(random.next() % 64)) }
        run.validationDelay = .milliseconds(50)
        let (figures, simulator) = try run.runKeepingSimulator()
        print("gossip simulation, 10% delayed validators:\n\(figures)")
        #expect(figures.deliveryRatio == 1)
        for node in run.delayedValidationNodes {
            let statistics = simulator.nodes[node].router.statistics
            #expect(statistics.asynchronousValidations > 0)
            #expect(statistics.validationTimeouts == 0 && statistics.validationQueueFull == 0)
            #expect(simulator.nodes[node].router.pendingValidationCount == 0)
        }
    }

    @Test("with 30% of peers that never forward, honest nodes still get at least 99.9%")
    func silentPeers() throws {
        let figures = try Self.scenario(silent: 19).run()
        print("gossip simulation, 30% silent peers:\n\(figures)")
        #expect(figures.deliveryRatio >= 0.999)
    }
}

@Suite("Gossip routers under a sybil flood")
struct GossipSybilFloodTests {
    @Test("forged messages from 10 of 64 peers: honest delivery stays complete and the attackers fall below the graylist threshold")
    func invalidFlood() throws {
        var run = GossipSimulationRunTests.scenario(silent: 10)
        run.invalidMessagesPerHeartbeat = 20
        run.configuration.scoreParameters = PeerScoreParameters.olnDefaults(topics: [GossipSimulationRun.topic: .transactions])
        let (figures, simulator) = try run.runKeepingSimulator()
        print("gossip simulation, sybil flood:\n\(figures)")
        #expect(figures.deliveryRatio == 1)
        let graylist = run.configuration.scoreThresholds.graylistThreshold
        var judged = 0
        for honest in 0..<run.nodeCount where !run.silentNodes.contains(honest) {
            let router = simulator.nodes[honest].router
            for attacker in run.silentNodes {
                let attackerID = simulator.nodes[attacker].router.localPeer
                guard router.connectedPeers.contains(attackerID) else { continue }
                judged += 1
                #expect(router.score.score(of: attackerID) < graylist, "node \(honest) scores attacker \(attacker) at \(router.score.score(of: attackerID))")
            }
        }
        #expect(judged > 0)
    }
}

@Suite("Gossip routers under an eclipse attempt")
struct GossipEclipseTests {
    @Test("50 silent sybils linked to one node do not cut it off: it still receives every message")
    func eclipse() throws {
        var run = GossipSimulationRunTests.scenario()
        run.eclipse = (target: 0, sybilCount: 50)
        let (figures, simulator) = try run.runKeepingSimulator()
        print("gossip simulation, eclipse attempt:\n\(figures)")
        #expect(figures.deliveryRatio == 1)
        #expect(simulator.nodes.count == 114)
        #expect(simulator.nodes[0].router.connectedPeers.count >= 50)
        #expect(simulator.nodes[0].deliveries.count >= figures.messageCount - 1)
    }
}
