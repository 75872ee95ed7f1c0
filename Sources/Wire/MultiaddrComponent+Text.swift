extension MultiaddrComponent {
    /// The multicodec code of a libp2p public key, the codec of peer-id CIDs.
    static let libP2PKeyCodec: UInt64 = 0x72

    /// Parses the text `value` of the protocol `multiaddrProtocol`.
    static func parse(_ multiaddrProtocol: MultiaddrProtocol, value: Substring) throws(WireError) -> MultiaddrComponent {
        switch multiaddrProtocol {
        case .ip4: return .ip4(try IPAddressText.parseIPv4(value))
        case .ip6: return .ip6(try IPAddressText.parseIPv6(value))
        case .tcp: return .tcp(try parsePort(value))
        case .udp: return .udp(try parsePort(value))
        case .dns: return .dns(try parseDNSName(value))
        case .dns4: return .dns4(try parseDNSName(value))
        case .dns6: return .dns6(try parseDNSName(value))
        case .p2p: return .p2p(try parsePeer(value))
        }
    }

    /// The value as multiaddr text (`127.0.0.1`, `::1`, `4001`); traps if the component is not valid.
    public var valueText: String {
        do { try validate() } catch { preconditionFailure("invalid multiaddr component: \(error)") }
        switch self {
        case .ip4(let address): return IPAddressText.formatIPv4(address)
        case .ip6(let address): return IPAddressText.formatIPv6(address)
        case .tcp(let port), .udp(let port): return String(port)
        case .dns(let name), .dns4(let name), .dns6(let name): return name
        case .p2p(let multihash): return Base58.encode(multihash.bytes)
        }
    }

    private static func parsePort(_ text: Substring) throws(WireError) -> UInt16 {
        guard let port = IPAddressText.decimal(text, maximum: Int(UInt16.max)) else {
            throw .invalidText("\"\(text)\" is not a port number from 0 to 65535 without sign or leading zeros")
        }
        return UInt16(port)
    }

    private static func parseDNSName(_ text: Substring) throws(WireError) -> String {
        let name = String(text)
        try validateDNSName(name)
        return name
    }

    /// A peer id as base58btc multihash text or as a CIDv1 (`b…`, codec libp2p-key).
    /// Base58 is tried first so that every printed peer id parses back to itself.
    private static func parsePeer(_ text: Substring) throws(WireError) -> Multihash {
        do {
            return try Multihash(bytes: try Base58.decode(String(text), byteCountMax: Multihash.byteCountMax))
        } catch {
            guard text.first == "b" else { throw error }
            return try parsePeerCID(String(text))
        }
    }

    private static func parsePeerCID(_ text: String) throws(WireError) -> Multihash {
        let cidByteCountMax = 2 * Varint.multiformatsByteCountMax + Multihash.byteCountMax
        var reader = ByteReader(try Multibase.decode(text, byteCountMax: cidByteCountMax))
        let version = try reader.readVarint(byteCountMax: Varint.multiformatsByteCountMax)
        guard version == 1 else { throw .valueOutOfRange("peer id CID version \(version) is not 1") }
        let codec = try reader.readVarint(byteCountMax: Varint.multiformatsByteCountMax)
        guard codec == libP2PKeyCodec else {
            throw .valueOutOfRange("peer id CID codec 0x\(String(codec, radix: 16)) is not libp2p-key (0x72)")
        }
        let multihash = try Multihash.read(from: &reader)
        try reader.expectEnd()
        return multihash
    }
}
