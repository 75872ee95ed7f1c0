@testable import Simulation

/// A minimal real protocol for testing the simulator: a node forwards every message it
/// has not seen to all its neighbours, and records when each first arrived.
struct FloodNode: SimulatedNode {
    var neighbours: [Int] = []
    var firstArrival: [UInt8: Duration] = [:]
    var received: [(from: Int, message: [UInt8], at: Duration)] = []
    var timersFired: [(Int, Duration)] = []
    var forwards = true

    mutating func receive(_ message: [UInt8], from peer: Int, now: Duration) -> [SimulationAction] {
        received.append((peer, message, now))
        guard let id = message.first, firstArrival[id] == nil else { return [] }
        firstArrival[id] = now
        return forwards ? neighbours.filter { $0 != peer }.map { .send(message, to: $0) } : []
    }

    mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction] {
        timersFired.append((timer, now))
        return []
    }

    /// Publishes message `id` from this node at `now`.
    mutating func publish(_ id: UInt8, now: Duration) -> [SimulationAction] {
        firstArrival[id] = now
        return neighbours.map { .send([id], to: $0) }
    }
}

extension Simulator where Node == FloodNode {
    /// A simulator of `count` flood nodes on a ring, each node linked to its two neighbours.
    static func ring(count: Int, model: LinkModel, seed: UInt64) -> Simulator {
        var simulator = Simulator(nodes: Array(repeating: FloodNode(), count: count), seed: seed)
        for node in 0..<count {
            simulator.connect(node, (node + 1) % count, model: model)
        }
        for node in 0..<count {
            let neighbours = simulator.neighbours(of: node)
            simulator.perform(on: node) { state, _ in
                state.neighbours = neighbours
                return []
            }
        }
        return simulator
    }
}
