import Identity
import Wire

/// How peers see this node from outside: the `observedAddr` of each identify, counted by
/// distinct reporting peer. An address that several peers report is likely reachable
/// (the basis for announcing it, as go-libp2p does once four peers agree).
public struct ObservedAddresses: Sendable {
    public static let addressCountMax = 64
    public static let reportersPerAddressMax = 16
    private var reporters: [Multiaddr: Set<PeerID>] = [:]

    public init() {}

    /// Records that `peer` sees this node at `address`.
    public mutating func record(_ address: Multiaddr, reportedBy peer: PeerID) {
        if reporters[address] == nil && reporters.count >= Self.addressCountMax,
           let weakest = reporters.min(by: { $0.value.count < $1.value.count })?.key {
            reporters[weakest] = nil
        }
        var set = reporters[address] ?? []
        if set.count < Self.reportersPerAddressMax { set.insert(peer) }
        reporters[address] = set
    }

    /// The addresses reported by at least `minimumPeers` distinct peers, most reported first.
    public func confirmed(minimumPeers: Int) -> [Multiaddr] {
        reporters.filter { $0.value.count >= minimumPeers }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key.description < $1.key.description }
            .map(\.key)
    }

    /// How many distinct peers reported `address`.
    public func reporterCount(for address: Multiaddr) -> Int {
        reporters[address]?.count ?? 0
    }
}
