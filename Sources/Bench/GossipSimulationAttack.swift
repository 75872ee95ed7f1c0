import Gossip
import GossipSimulation
import Simulation

/// The attacks `oln-bench gossip-sim` can stage, at any scale (the tests run them at 64
/// nodes):
///
///     --silent F      a fraction F of the nodes take part but never forward
///     --flood N       those silent nodes also send every peer N forged messages a heartbeat
///                     (scored with the oln defaults, so that they can be graylisted)
///     --eclipse N     N extra silent sybils linked only to node 0
struct GossipSimulationAttack {
    var silentFraction = 0.0
    var forgedPerHeartbeat = 0
    var eclipseSybils = 0

    init(arguments: [String]) {
        silentFraction = BenchSupport.option("--silent", in: arguments).flatMap(Double.init) ?? 0
        forgedPerHeartbeat = BenchSupport.option("--flood", in: arguments).flatMap(Int.init) ?? 0
        eclipseSybils = BenchSupport.option("--eclipse", in: arguments).flatMap(Int.init) ?? 0
    }

    var isStaged: Bool { silentFraction > 0 || eclipseSybils > 0 }

    /// Sets the attack up in `scenario`.
    func apply(to scenario: inout GossipSimulationRun, seed: UInt64) {
        var random = SimulationRandom(seed: seed ^ 0x5117)
        let silentCount = Int(Double(scenario.nodeCount) * silentFraction)
        while scenario.silentNodes.count < silentCount {
            scenario.silentNodes.insert(Int(random.next() % UInt64(scenario.nodeCount)))
        }
        if forgedPerHeartbeat > 0 {
            scenario.invalidMessagesPerHeartbeat = forgedPerHeartbeat
            scenario.configuration.scoreParameters = PeerScoreParameters.olnDefaults(
                topics: [GossipSimulationRun.topic: .transactions])
        }
        if eclipseSybils > 0 { scenario.eclipse = (target: 0, sybilCount: eclipseSybils) }
    }

    /// What the attack achieved: attackers graylisted by their honest neighbours, and what
    /// the eclipsed node received.
    func report(_ scenario: GossipSimulationRun, _ simulator: Simulator<SimulatedGossipNode>,
                messageCount: Int) -> [String] {
        var lines: [String] = []
        let attackers = Set(scenario.silentNodes).union(simulator.nodes.count > scenario.nodeCount
            ? Set(scenario.nodeCount..<simulator.nodes.count) : [])
        lines.append("attackers:                     \(attackers.count) silent"
            + (forgedPerHeartbeat > 0 ? ", each sending \(forgedPerHeartbeat) forged messages a heartbeat" : ""))
        if forgedPerHeartbeat > 0 {
            let graylist = scenario.configuration.scoreThresholds.graylistThreshold
            var links = 0, graylisted = 0
            for honest in 0..<simulator.nodes.count where !attackers.contains(honest) {
                let router = simulator.nodes[honest].router
                for attacker in attackers {
                    let id = simulator.nodes[attacker].router.localPeer
                    guard router.connectedPeers.contains(id) else { continue }
                    links += 1
                    if router.score.score(of: id) < graylist { graylisted += 1 }
                }
            }
            lines.append("honest-to-attacker links graylisted: \(graylisted) of \(links)")
        }
        if eclipseSybils > 0 {
            let target = simulator.nodes[0]
            lines.append("eclipsed node 0: \(target.router.connectedPeers.count) peers, "
                + "\(target.deliveries.count) of \(messageCount) messages delivered")
        }
        return lines
    }
}
