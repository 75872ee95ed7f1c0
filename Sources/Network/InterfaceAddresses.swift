import Foundation
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// The IP addresses of this machine's network interfaces, for announcing a listener bound
/// to an unspecified address (0.0.0.0 or ::), which peers cannot dial as such.
enum InterfaceAddresses {
    /// The addresses of one family: IPv4 when `ipv6` is false. Link-local IPv6 addresses
    /// are left out (they need a zone that multiaddrs cannot carry).
    static func list(ipv6: Bool) -> [String] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0, let first else { return [] }
        defer { freeifaddrs(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            cursor = entry.pointee.ifa_next
            guard let address = entry.pointee.ifa_addr else { continue }
            let family = Int32(address.pointee.sa_family)
            guard family == (ipv6 ? AF_INET6 : AF_INET) else { continue }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let length = socklen_t(ipv6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
            guard getnameinfo(address, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let host = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if host.contains("%") || addresses.contains(host) { continue }
            addresses.append(host)
        }
        return addresses
    }

    /// `bound` itself, or one address per interface when it is unspecified.
    static func expand(_ bound: Multiaddr) -> [Multiaddr] {
        guard let first = bound.components.first else { return [bound] }
        let rest = Array(bound.components.dropFirst())
        switch first {
        case .ip4(let bytes) where bytes.allSatisfy({ $0 == 0 }):
            return list(ipv6: false).compactMap { try? Multiaddr("/ip4/\($0)") }.map { Multiaddr(components: $0.components + rest) }
        case .ip6(let bytes) where bytes.allSatisfy({ $0 == 0 }):
            return list(ipv6: true).compactMap { try? Multiaddr("/ip6/\($0)") }.map { Multiaddr(components: $0.components + rest) }
        default:
            return [bound]
        }
    }
}
