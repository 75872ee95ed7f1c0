/// An IP subnet (address and prefix length, as in CIDR `10.0.0.0/8`) whose peers are
/// exempt from the IP colocation penalty P6: for example a data centre where one operator
/// runs several trusted nodes.
public struct IPColocationSubnet: Hashable, Sendable {
    /// The network address: 4 bytes (IPv4) or 16 bytes (IPv6).
    public let address: [UInt8]
    /// The number of leading bits that must match.
    public let prefixLength: Int

    /// - Precondition: `address` has 4 or 16 bytes and `prefixLength` fits in it.
    public init(address: [UInt8], prefixLength: Int) {
        precondition(address.count == 4 || address.count == 16, "an IP subnet address has 4 or 16 bytes")
        precondition(prefixLength >= 0 && prefixLength <= address.count * 8, "prefix length out of range")
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Whether `other` (4 or 16 bytes, of the same family) lies in this subnet.
    public func contains(_ other: [UInt8]) -> Bool {
        guard other.count == address.count else { return false }
        var remainingBits = prefixLength
        for (mine, theirs) in zip(address, other) where remainingBits > 0 {
            let bits = min(remainingBits, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine & mask != theirs & mask { return false }
            remainingBits -= bits
        }
        return true
    }
}
