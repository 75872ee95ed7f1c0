/// Something that happens to the simulated network at a virtual time. Kept outside the
/// generic `Simulator` so that its event queue is a concrete type the optimiser
/// specialises, whatever the node type.
enum SimulationEvent: Sendable {
    case deliver(message: [UInt8], from: Int, to: Int)
    case timer(Int, node: Int)
    case uplinkIdle(Int)
    case down(Int)
    case up(Int)
    case heal
}
