/// The multiaddr protocols this module supports, with their codes from the
/// multiformats multicodec table.
enum MultiaddrProtocol: UInt64, CaseIterable, Sendable {
    case ip4 = 4
    case tcp = 6
    case ip6 = 41
    case dns = 53
    case dns4 = 54
    case dns6 = 55
    case udp = 273
    case p2p = 421

    /// The name used in multiaddr text.
    var name: String {
        switch self {
        case .ip4: "ip4"
        case .tcp: "tcp"
        case .ip6: "ip6"
        case .dns: "dns"
        case .dns4: "dns4"
        case .dns6: "dns6"
        case .udp: "udp"
        case .p2p: "p2p"
        }
    }

    /// The protocol named `name` in multiaddr text; `ipfs` is the old name of `p2p`.
    init?(name: some StringProtocol) {
        if name == "ipfs" {
            self = .p2p
            return
        }
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
