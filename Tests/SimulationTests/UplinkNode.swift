@testable import Simulation

/// A node that sends what it is told and records when its uplink went idle.
struct UplinkNode: SimulatedNode {
    var idleTimes: [Duration] = []
    var arrivals: [(from: Int, at: Duration)] = []

    mutating func receive(_ message: [UInt8], from peer: Int, now: Duration) -> [SimulationAction] {
        arrivals.append((peer, now))
        return []
    }

    mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction] { [] }

    mutating func uplinkIdle(now: Duration) -> [SimulationAction] {
        idleTimes.append(now)
        return []
    }
}
