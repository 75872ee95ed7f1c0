import Wire

extension Multiaddr {
    /// The address without its `/p2p/<peer id>` part.
    var withoutPeerID: Multiaddr {
        Multiaddr(components: components.filter { if case .p2p = $0 { false } else { true } })
    }

    /// The text of the first component (the IP of an `/ip4/…/tcp/…` address), which the
    /// per-address connection limit counts by.
    var hostText: String {
        components.first?.valueText ?? ""
    }
}
