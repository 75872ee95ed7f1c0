/// One direction of a link between two simulated nodes: its model, and when it is free
/// again and its last message arrives (so that a later message never arrives first).
struct SimulatedLink: Sendable {
    let model: LinkModel
    /// When the link finishes sending what it has; bandwidth queues messages behind it.
    var busyUntil: Duration = .zero
    /// When its last message arrives; a later message never arrives before it.
    var lastArrival: Duration = .zero
}
