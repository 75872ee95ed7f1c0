/// One protocol and its value within a ``Multiaddr``.
///
/// The associated values must be valid for ``Multiaddr/bytes`` and
/// ``Multiaddr/description`` to be used: see ``validate()``. Decoding only ever
/// produces valid components.
public enum MultiaddrComponent: Hashable, Sendable {
    /// An IPv4 address, 4 bytes (code 4).
    case ip4([UInt8])
    /// An IPv6 address, 16 bytes (code 41).
    case ip6([UInt8])
    /// A TCP port (code 6).
    case tcp(UInt16)
    /// A UDP port (code 273).
    case udp(UInt16)
    /// A DNS name resolving to any address family (code 53).
    case dns(String)
    /// A DNS name resolving to IPv4 addresses (code 54).
    case dns4(String)
    /// A DNS name resolving to IPv6 addresses (code 55).
    case dns6(String)
    /// A libp2p peer id (code 421).
    case p2p(Multihash)

    /// The longest DNS name, in UTF-8 bytes.
    public static let dnsNameByteCountMax = 255

    /// Components are equal when their binary forms are: DNS names compare byte for byte,
    /// not by Unicode canonical equivalence as `String` does.
    public static func == (lhs: MultiaddrComponent, rhs: MultiaddrComponent) -> Bool {
        lhs.protocolCode == rhs.protocolCode && lhs.valueBytes == rhs.valueBytes
    }

    /// Hashes the protocol code and the binary value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(protocolCode)
        hasher.combine(valueBytes)
    }

    /// The protocol code from the multicodec table.
    public var protocolCode: UInt64 { multiaddrProtocol.rawValue }

    /// The protocol name used in multiaddr text.
    public var protocolName: String { multiaddrProtocol.name }

    /// Checks that the associated value is well formed: 4 or 16 address bytes, and
    /// DNS names that are non-empty, at most ``dnsNameByteCountMax`` bytes and free of `/`.
    public func validate() throws(WireError) {
        switch self {
        case .ip4(let address) where address.count != 4:
            throw .valueOutOfRange("an ip4 address has 4 bytes, not \(address.count)")
        case .ip6(let address) where address.count != 16:
            throw .valueOutOfRange("an ip6 address has 16 bytes, not \(address.count)")
        case .dns(let name), .dns4(let name), .dns6(let name):
            try Self.validateDNSName(name)
        default:
            return
        }
    }

    /// The binary value, without the protocol code or any length prefix.
    var valueBytes: [UInt8] {
        switch self {
        case .ip4(let address), .ip6(let address): address
        case .tcp(let port), .udp(let port): [UInt8(port >> 8), UInt8(port & 0xff)]
        case .dns(let name), .dns4(let name), .dns6(let name): Array(name.utf8)
        case .p2p(let multihash): multihash.bytes
        }
    }

    var multiaddrProtocol: MultiaddrProtocol {
        switch self {
        case .ip4: .ip4
        case .ip6: .ip6
        case .tcp: .tcp
        case .udp: .udp
        case .dns: .dns
        case .dns4: .dns4
        case .dns6: .dns6
        case .p2p: .p2p
        }
    }

    static func validateDNSName(_ name: String) throws(WireError) {
        guard !name.isEmpty else { throw .invalidText("a DNS name must not be empty") }
        guard name.utf8.count <= dnsNameByteCountMax else {
            throw .limitExceeded("DNS name byte count", limit: dnsNameByteCountMax)
        }
        guard !name.utf8.contains(UInt8(ascii: "/")) else {
            throw .invalidCharacter("a DNS name must not contain \"/\"")
        }
    }
}
