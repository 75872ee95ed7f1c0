import Gossip
import Simulation

extension GossipSimulationRun {
    func measure(
        _ simulator: Simulator<SimulatedGossipNode>, _ topology: GossipTopology,
        _ published: [(id: GossipMessageID, publisher: Int, at: Duration)]
    ) -> GossipSimulationFigures {
        var latencies: [Duration] = [], shortest: [Duration] = []
        var owed = 0, delivered = 0
        var shortestByPublisher: [Int: [Duration]] = [:]
        for message in published {
            let paths = shortestByPublisher[message.publisher] ?? topology.shortestLatencies(from: message.publisher)
            shortestByPublisher[message.publisher] = paths
            for node in 0..<nodeCount where node != message.publisher && !silentNodes.contains(node) {
                owed += 1
                shortest.append(paths[node])
                guard let at = simulator.nodes[node].deliveries[message.id] else { continue }
                delivered += 1
                latencies.append(at - message.at)
            }
        }
        latencies.sort()
        shortest.sort()
        let received = simulator.nodes.reduce(0) { $0 + $1.messagesReceived }
        let firsts = simulator.nodes.reduce(0) { $0 + $1.deliveries.count }
        let perNodeMessage = Double(max(nodeCount * published.count, 1))
        return GossipSimulationFigures(
            nodeCount: nodeCount, messageCount: published.count,
            deliveryRatio: owed == 0 ? 0 : Double(delivered) / Double(owed),
            latencyMedian: Self.percentile(latencies, 0.5), latencyP99: Self.percentile(latencies, 0.99),
            latencyMax: latencies.last ?? .zero, shortestPathP99: Self.percentile(shortest, 0.99),
            duplicatesPerNodePerMessage: Double(max(received - firsts, 0)) / perNodeMessage,
            bytesPerNodePerMessage: Double(simulator.statistics.bytesSent.reduce(0, +)) / perNodeMessage,
            meanMeshDegree: Double(simulator.nodes.reduce(0) { $0 + $1.router.meshPeers(of: Self.topic).count })
                / Double(max(simulator.nodes.count, 1)),
            idontwantIDsSent: simulator.nodes.reduce(0) { $0 + $1.router.statistics.idontwantIDsSent },
            forwardsSuppressedByIDontWant: simulator.nodes.reduce(0) { $0 + $1.router.statistics.forwardsSuppressedByIDontWant },
            queuedCopiesCancelled: simulator.nodes.reduce(0) { $0 + $1.router.statistics.outboundMessagesCancelled },
            queuedCopiesDropped: simulator.nodes.reduce(0) {
                $0 + $1.router.statistics.outboundMessagesStale + $1.router.statistics.outboundMessagesDropped
            },
            meanChokedMeshDegree: Double(simulator.nodes.reduce(0) { $0 + $1.router.chokedMeshPeers(of: Self.topic).count })
                / Double(max(simulator.nodes.count, 1)),
            chokesSent: simulator.nodes.reduce(0) { $0 + $1.router.statistics.chokesSent },
            unchokesSent: simulator.nodes.reduce(0) { $0 + $1.router.statistics.unchokesSent },
            chokesRepeated: simulator.nodes.reduce(0) { $0 + $1.router.statistics.chokesRepeated },
            lazyPushes: simulator.nodes.reduce(0) { $0 + $1.router.statistics.lazyPushes },
            iwantMessagesServed: simulator.nodes.reduce(0) { $0 + $1.router.statistics.iwantMessagesServed })
    }

    static func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }
}
