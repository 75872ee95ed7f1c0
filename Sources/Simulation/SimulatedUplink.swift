/// A simulated node's way out, shared by all its links.
struct SimulatedUplink: Sendable {
    /// Bytes per second; nil for unlimited.
    var bandwidth: Int?
    /// When it finishes sending what it has (and, without a bandwidth, when its links do).
    var busyUntil: Duration = .zero
    /// Whether the node waits for an `uplinkIdle` call (one event per node at most).
    var isIdleNotificationPending = false

    /// How long `byteCount` bytes occupy the uplink.
    func transmission(of byteCount: Int) -> Duration {
        guard let bandwidth else { return .zero }
        return .seconds(Double(byteCount) / Double(bandwidth))
    }
}
