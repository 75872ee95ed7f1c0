import CLibUV

extension SocketAddress {
    /// The largest address text libuv writes (`INET6_ADDRSTRLEN` with room to spare).
    static let hostTextByteCountMax = 64

    /// Parses an IPv4 or IPv6 literal and a port into a `sockaddr_storage`.
    static func storage(host: String, port: UInt16) throws(IOError) -> sockaddr_storage {
        var storage = sockaddr_storage()
        let status: Int32 = withUnsafeMutableBytes(of: &storage) { raw in
            if host.contains(":") {
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                return uv_ip6_addr(host, Int32(port), address)
            }
            let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
            return uv_ip4_addr(host, Int32(port), address)
        }
        guard status == 0 else { throw .invalidAddress(host) }
        return storage
    }

    /// Reads an IPv4 or IPv6 socket address; throws `EAFNOSUPPORT` for other families.
    init(storage: sockaddr_storage) throws(IOError) {
        var storage = storage
        let family = Int32(storage.ss_family)
        let (text, port): (String, UInt16) = withUnsafeBytes(of: &storage) { raw in
            let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr.self)
            var text = [CChar](repeating: 0, count: Self.hostTextByteCountMax)
            guard uv_ip_name(address, &text, text.count) == 0 else { return ("", 0) }
            let port: UInt16
            if family == AF_INET6 {
                port = UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
            } else {
                port = UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
            }
            return (String(decoding: text.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self), port)
        }
        guard family == AF_INET || family == AF_INET6, !text.isEmpty else {
            throw IOError(status: UV_EAFNOSUPPORT.rawValue)
        }
        self.init(host: text, port: port, family: family == AF_INET6 ? .ipv6 : .ipv4)
    }

    /// Runs `body` with the storage viewed as the `sockaddr` that libuv takes.
    static func withSocketAddress<Result>(
        _ storage: sockaddr_storage,
        _ body: (UnsafePointer<sockaddr>) -> Result
    ) -> Result {
        var storage = storage
        return withUnsafeBytes(of: &storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self))
        }
    }

    /// Reads a TCP handle's local (`getsockname`) or remote (`getpeername`) address.
    static func read(
        _ tcp: UnsafeMutablePointer<uv_tcp_t>,
        using function: (UnsafePointer<uv_tcp_t>?, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<Int32>?) -> Int32
    ) throws(IOError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = Int32(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutableBytes(of: &storage) { raw in
            function(tcp, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
        }
        guard status == 0 else { throw IOError(status: status) }
        return try SocketAddress(storage: storage)
    }
}
