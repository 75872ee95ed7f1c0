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
//   with partitions and nodes going down and up. A link with a bandwidth sends one
//   message after the other; so does a node's uplink, shared by all its links, when it
//   has one. A node may ask to hear when its uplink has sent everything
//   (`notifyWhenUplinkIdle`): that is how a sender's own queues learn they may send more.
//
// Time is `Duration` since the start of the run. Nothing here reads a clock.
// May import: nothing but the standard library.

/// A node the simulator drives: it gets messages, timer firings and idle links, and
/// answers with messages to send, timers to set and links to watch.
public protocol SimulatedNode {
    /// A message from `peer` arrived.
    mutating func receive(_ message: [UInt8], from peer: Int, now: Duration) -> [SimulationAction]
    /// A timer this node set has fired.
    mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction]
    /// The node's uplink has finished sending everything handed to it, as asked with
    /// `.notifyWhenUplinkIdle`.
    mutating func uplinkIdle(now: Duration) -> [SimulationAction]
}

extension SimulatedNode {
    /// Nodes that never watch their uplink need not handle it.
    public mutating func uplinkIdle(now: Duration) -> [SimulationAction] { [] }
}

/// What a node asks the simulator to do.
public enum SimulationAction: Equatable, Sendable {
    case send([UInt8], to: Int)
    case setTimer(Int, after: Duration)
    /// Call `uplinkIdle(now:)` once the node's uplink and links have sent everything
    /// handed to them (at once when they are idle). Asking again before that call changes
    /// nothing.
    case notifyWhenUplinkIdle
}
