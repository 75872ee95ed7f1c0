extension MultiaddrComponent {
    /// Reads one component (code varint, then value) from `reader`.
    static func read(from reader: inout ByteReader) throws(WireError) -> MultiaddrComponent {
        let code = try reader.readVarint(byteCountMax: Varint.multiformatsByteCountMax)
        guard let multiaddrProtocol = MultiaddrProtocol(rawValue: code) else { throw .unknownProtocolCode(code) }
        switch multiaddrProtocol {
        case .ip4: return .ip4(try reader.readBytes(4))
        case .ip6: return .ip6(try reader.readBytes(16))
        case .tcp: return .tcp(try reader.readUInt16BigEndian())
        case .udp: return .udp(try reader.readUInt16BigEndian())
        case .dns: return .dns(try readDNSName(from: &reader))
        case .dns4: return .dns4(try readDNSName(from: &reader))
        case .dns6: return .dns6(try readDNSName(from: &reader))
        case .p2p: return .p2p(try readPeer(from: &reader))
        }
    }

    /// Appends the component's code and value to `bytes`; traps if it is not valid.
    func append(to bytes: inout [UInt8]) {
        do { try validate() } catch { preconditionFailure("invalid multiaddr component: \(error)") }
        Varint.append(protocolCode, to: &bytes)
        let value = valueBytes
        switch self {
        case .dns, .dns4, .dns6, .p2p: Varint.append(UInt64(value.count), to: &bytes)
        case .ip4, .ip6, .tcp, .udp: break
        }
        bytes.append(contentsOf: value)
    }

    private static func readDNSName(from reader: inout ByteReader) throws(WireError) -> String {
        let raw = try reader.readLengthPrefixed(byteCountMax: dnsNameByteCountMax)
        guard let name = String(validating: raw, as: UTF8.self) else {
            throw .invalidText("a DNS name is not valid UTF-8")
        }
        try validateDNSName(name)
        return name
    }

    private static func readPeer(from reader: inout ByteReader) throws(WireError) -> Multihash {
        let raw = try reader.readLengthPrefixed(byteCountMax: Multihash.byteCountMax)
        return try Multihash(bytes: raw)
    }
}
