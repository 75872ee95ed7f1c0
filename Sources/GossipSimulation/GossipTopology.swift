import Simulation

/// A random connected graph: a random spanning tree plus random edges up to an average
/// degree, each edge with a fixed latency drawn from a range (so shortest paths are defined).
public struct GossipTopology: Sendable {
    public let nodeCount: Int
    /// Undirected edges as (smaller, larger) with their one-way latency.
    public let edges: [(Int, Int, Duration)]

    /// `honest` plus `sybilCount` more nodes linked only to `target` (an eclipse attempt).
    public init(eclipsing target: Int, with sybilCount: Int, around honest: GossipTopology, latency: Duration) {
        precondition(honest.nodeCount > target, "the target must be an honest node")
        nodeCount = honest.nodeCount + sybilCount
        edges = honest.edges + (honest.nodeCount..<nodeCount).map { (target, $0, latency) }
    }

    public init(nodeCount: Int, degree: Int, latency: ClosedRange<Duration>, random: inout SimulationRandom) {
        precondition(nodeCount >= 2 && degree >= 1, "a topology needs two nodes and a degree")
        var chosen: Set<[Int]> = []
        for node in 1..<nodeCount {
            chosen.insert([Int(random.next() % UInt64(node)), node])
        }
        let target = min(nodeCount * degree / 2, nodeCount * (nodeCount - 1) / 2)
        while chosen.count < target {
            let first = Int(random.next() % UInt64(nodeCount)), second = Int(random.next() % UInt64(nodeCount))
            guard first != second else { continue }
            chosen.insert([min(first, second), max(first, second)])
        }
        let span = latency.upperBound - latency.lowerBound
        edges = chosen.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }.map { edge in
            (edge[0], edge[1], latency.lowerBound + span * random.nextFraction())
        }
        self.nodeCount = nodeCount
    }

    /// The least total latency from `source` to every node (Dijkstra).
    public func shortestLatencies(from source: Int) -> [Duration] {
        var adjacency = [[(Int, Duration)]](repeating: [], count: nodeCount)
        for (first, second, latency) in edges {
            adjacency[first].append((second, latency))
            adjacency[second].append((first, latency))
        }
        var distance = [Duration?](repeating: nil, count: nodeCount)
        var queue = SimulationEventQueue<Int>()
        distance[source] = .zero
        queue.push(source, at: .zero)
        while let (time, node) = queue.pop() {
            guard time == distance[node] else { continue }
            for (next, latency) in adjacency[node] where distance[next].map({ time + latency < $0 }) ?? true {
                distance[next] = time + latency
                queue.push(next, at: time + latency)
            }
        }
        return distance.map { $0 ?? .zero }
    }
}
