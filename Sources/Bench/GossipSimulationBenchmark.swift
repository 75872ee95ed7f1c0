import Foundation
import Gossip
import GossipSimulation

/// `oln-bench gossip-sim`: gossipsub routers on the virtual-clock simulator.
enum GossipSimulationBenchmark {
    static func run(arguments: [String]) {
        let nodes = BenchSupport.option("--nodes", in: arguments).flatMap(Int.init) ?? 1000
        let messages = BenchSupport.option("--messages", in: arguments).flatMap(Int.init) ?? 1000
        let seed = BenchSupport.option("--seed", in: arguments).flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        let losses: [Double] = BenchSupport.option("--loss", in: arguments).map { [Double($0) ?? 0] } ?? [0, 0.1]
        let attack = GossipSimulationAttack(arguments: arguments)
        BenchSupport.print("gossip simulation: seed \(seed) (replay with --seed \(seed))")
        for loss in losses {
            var scenario = GossipSimulationRun(nodeCount: nodes, messageCount: messages, seed: seed)
            scenario.lossProbability = loss
            if let threshold = BenchSupport.option("--idontwant-threshold", in: arguments).flatMap(Int.init) {
                scenario.configuration.idontwantThreshold = threshold
            }
            if arguments.contains("--no-flood-publish") { scenario.configuration.floodPublish = false }
            if let size = BenchSupport.option("--message-bytes", in: arguments).flatMap(Int.init) { scenario.messageByteCount = size }
            if let megabits = BenchSupport.option("--bandwidth-mbit", in: arguments).flatMap(Double.init) {
                scenario.uplinkBandwidth = megabits > 0 ? Int(megabits * 1_000_000 / 8) : nil
            }
            if let size = BenchSupport.option("--send-buffer-bytes", in: arguments).flatMap(Int.init) { scenario.sendBufferByteCount = size }
            if let mesh = BenchSupport.option("--mesh", in: arguments) { setMeshDegrees(mesh, in: &scenario.configuration) }
            // Choking on, as a node's transaction topic runs (`--no-choke`: off, as its other topics run).
            scenario.configuration.chokesMeshPeers = !arguments.contains("--no-choke")
            if let count = BenchSupport.option("--unchoked", in: arguments).flatMap(Int.init), count >= 1 {
                scenario.configuration.chokesMeshPeers = true
                scenario.configuration.meshUnchokedCount = count
            }
            attack.apply(to: &scenario, seed: seed)
            let start = BenchSupport.seconds()
            do {
                let (figures, simulator) = try scenario.runKeepingSimulator()
                let bandwidth = scenario.uplinkBandwidth.map { "\(BenchSupport.format(Double($0) * 8 / 1e6)) Mbit/s" } ?? "unlimited"
                BenchSupport.print("-- loss \(Int(loss * 100))%, topology degree \(scenario.degree), links 20–100 ms, uplinks \(bandwidth), "
                    + "\(scenario.messageByteCount)-byte messages, "
                    + (scenario.configuration.chokesMeshPeers
                        ? "choking (\(scenario.configuration.meshUnchokedCount) mesh peers unchoked), IDONTWANT for every message"
                        : "no choking, IDONTWANT from \(scenario.configuration.idontwantThreshold) bytes"))
                BenchSupport.print(figures.description)
                if attack.isStaged {
                    for line in attack.report(scenario, simulator, messageCount: figures.messageCount) { BenchSupport.print(line) }
                }
                BenchSupport.print("wall time:                     \(BenchSupport.format(BenchSupport.seconds() - start)) s")
            } catch {
                BenchSupport.print("gossip simulation failed: \(error)")
                exit(1)
            }
        }
    }

    /// `--mesh D,D_lo,D_hi`: other mesh degrees than gossipsub's 6, 5, 12 (D_score and
    /// D_out lowered to fit when needed).
    private static func setMeshDegrees(_ text: String, in configuration: inout GossipRouterConfiguration) {
        let values = text.split(separator: ",").compactMap { Int($0) }
        guard values.count == 3, values[1] >= 1, values[1] <= values[0], values[0] <= values[2] else {
            BenchSupport.print("--mesh wants D,D_lo,D_hi with 1 ≤ D_lo ≤ D ≤ D_hi")
            exit(2)
        }
        configuration.meshDegree = values[0]
        configuration.meshDegreeLow = values[1]
        configuration.meshDegreeHigh = values[2]
        configuration.meshDegreeScore = min(configuration.meshDegreeScore, values[0])
        configuration.meshOutboundMin = min(configuration.meshOutboundMin, values[1], values[0] / 2)
    }
}
