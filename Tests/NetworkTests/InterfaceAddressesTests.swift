import Testing
import Wire
@testable import Network

@Suite("InterfaceAddresses")
struct InterfaceAddressesTests {
    @Test("an unspecified IPv4 listener is announced with each interface's address, loopback included")
    func expandsUnspecified() throws {
        let expanded = InterfaceAddresses.expand(try Multiaddr("/ip4/0.0.0.0/tcp/4001"))
        #expect(expanded.contains(try Multiaddr("/ip4/127.0.0.1/tcp/4001")))
        #expect(!expanded.contains(try Multiaddr("/ip4/0.0.0.0/tcp/4001")))
        #expect(expanded.allSatisfy { $0.components.last == .tcp(4001) })
    }

    @Test("a specific address is announced as it is")
    func keepsSpecific() throws {
        let address = try Multiaddr("/ip6/::1/tcp/9")
        #expect(InterfaceAddresses.expand(address) == [address])
    }
}
