import Foundation
import GossipSimulation

/// `oln-bench gossip-sim`: gossipsub routers on the virtual-clock simulator.
enum GossipSimulationBenchmark {
    static func run(arguments: [String]) {
        let nodes = option("--nodes", in: arguments).flatMap(Int.init) ?? 1000
        let messages = option("--messages", in: arguments).flatMap(Int.init) ?? 1000
        let seed = option("--seed", in: arguments).flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        let losses: [Double] = option("--loss", in: arguments).map { [Double($0) ?? 0] } ?? [0, 0.1]
        BenchSupport.print("gossip simulation: seed \(seed) (replay with --seed \(seed))")
        for loss in losses {
            var scenario = GossipSimulationRun(nodeCount: nodes, messageCount: messages, seed: seed)
            scenario.lossProbability = loss
            if let threshold = option("--idontwant-threshold", in: arguments).flatMap(Int.init) {
                scenario.configuration.idontwantThreshold = threshold
            }
            if arguments.contains("--no-flood-publish") { scenario.configuration.floodPublish = false }
            if let size = option("--message-bytes", in: arguments).flatMap(Int.init) { scenario.messageByteCount = size }
            let start = BenchSupport.seconds()
            do {
                let figures = try scenario.run()
                BenchSupport.print("-- loss \(Int(loss * 100))%, topology degree \(scenario.degree), links 20–100 ms")
                BenchSupport.print(figures.description)
                BenchSupport.print("wall time:                     \(BenchSupport.format(BenchSupport.seconds() - start)) s")
            } catch {
                BenchSupport.print("gossip simulation failed: \(error)")
                exit(1)
            }
        }
    }

    private static func option(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
}
