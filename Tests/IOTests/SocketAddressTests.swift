import IO
import Testing

@Suite("SocketAddress")
struct SocketAddressTests {
    @Test("IPv6 hosts are bracketed in text, IPv4 hosts are not")
    func description() {
        #expect(SocketAddress(host: "127.0.0.1", port: 4001, family: .ipv4).description == "127.0.0.1:4001")
        #expect(SocketAddress(host: "::1", port: 4001, family: .ipv6).description == "[::1]:4001")
    }
}
