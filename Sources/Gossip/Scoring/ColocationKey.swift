/// What peers are grouped by for the IP colocation factor P6: an IPv4 address, an IPv6
/// address, or the /64 IPv6 subnet (go-libp2p-pubsub `getIPs` counts a peer under both
/// its IPv6 address and its /64, since one host can hold a whole /64).
enum ColocationKey: Hashable, Sendable {
    case ipv4(UInt32)
    case ipv6(high: UInt64, low: UInt64)
    case ipv6Subnet(high: UInt64)

    /// The keys of one remote address (4 or 16 bytes). IPv4-mapped IPv6 counts as IPv4;
    /// loopback is ignored (local test networks), as are other lengths; whitelisted keys
    /// (checked on the address, and on the /64 for the subnet key) are left out.
    static func keys(of address: [UInt8], whitelist: [IPColocationSubnet]) -> [ColocationKey] {
        var ipv4Bytes: [UInt8]? = address.count == 4 ? address : nil
        if address.count == 16, address.prefix(10).allSatisfy({ $0 == 0 }), address[10] == 0xFF, address[11] == 0xFF {
            ipv4Bytes = Array(address.suffix(4))
        }
        if let bytes = ipv4Bytes {
            guard bytes[0] != 127, !isWhitelisted(bytes, whitelist) else { return [] }
            return [.ipv4(bytes.reduce(0) { $0 << 8 | UInt32($1) })]
        }
        guard address.count == 16, address != loopbackIPv6 else { return [] }
        let high = address.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = address.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var keys: [ColocationKey] = []
        if !isWhitelisted(address, whitelist) { keys.append(.ipv6(high: high, low: low)) }
        let subnet = Array(address.prefix(8)) + [UInt8](repeating: 0, count: 8)
        if !isWhitelisted(subnet, whitelist) { keys.append(.ipv6Subnet(high: high)) }
        return keys
    }

    private static let loopbackIPv6: [UInt8] = [UInt8](repeating: 0, count: 15) + [1]

    private static func isWhitelisted(_ address: [UInt8], _ whitelist: [IPColocationSubnet]) -> Bool {
        whitelist.contains { $0.contains(address) }
    }
}
