// Simulation: many nodes' real protocol code in one process, on a virtual clock, over
// simulated links, reproducible from one seed.
//
// Owns:
// - `SimulationRandom`: a seeded xoshiro256** generator; every random choice of a run
//   (latency, loss, topology, churn) comes from it, so a printed seed replays the run.
// - `SimulationEventQueue`: events ordered by virtual time, ties by insertion order.
// - `LinkModel`: latency range, bandwidth and loss of a link.
// - `Simulator`: nodes conforming to `SimulatedNode` exchange byte messages over FIFO
//   links (like TCP: a later message never overtakes an earlier one on the same link),
//   with partitions and nodes going down and up.
//
// Time is `Duration` since the start of the run. Nothing here reads a clock.
// May import: nothing but the standard library.

/// A node the simulator drives: it gets messages and timer firings, and answers with
/// messages to send and timers to set.
public protocol SimulatedNode {
    /// A message from `peer` arrived.
    mutating func receive(_ message: [UInt8], from peer: Int, now: Duration) -> [SimulationAction]
    /// A timer this node set has fired.
    mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction]
}

/// What a node asks the simulator to do.
public enum SimulationAction: Equatable, Sendable {
    case send([UInt8], to: Int)
    case setTimer(Int, after: Duration)
}
