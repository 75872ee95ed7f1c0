import IO
import Identity
import Network
import P2P
import Wire

/// A node with a new identity that dials once and reports, exactly once, whether the
/// connection reached the stage the benchmark waits for or failed first.
enum FreshDialer {
    /// Dials `address`; `settled(true)` when `reached` matches an event, `settled(false)`
    /// on a disconnect or a refused dial. Returns the node, which the caller keeps alive.
    static func dial(
        _ address: Multiaddr, on loop: EventLoop, until reached: @escaping (HostEvent) -> Bool,
        settled: @escaping (Bool) -> Void
    ) -> P2PNode {
        let dialer = P2PNode(loop: loop, identity: IdentityKey())
        var isSettled = false
        dialer.onEvent = { event in
            guard !isSettled else { return }
            if reached(event) {
                isSettled = true
                settled(true)
            } else if case .disconnected = event {
                isSettled = true
                settled(false)
            }
        }
        do { try dialer.dial(address) } catch { settled(false) }
        return dialer
    }
}
