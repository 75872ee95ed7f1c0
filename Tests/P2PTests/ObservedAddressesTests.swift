import Identity
import Testing
import Wire
@testable import P2P

@Suite("ObservedAddresses")
struct ObservedAddressesTests {
    @Test("addresses are confirmed by distinct peers, most reported first")
    func confirmation() throws {
        var observed = ObservedAddresses()
        let home = try Multiaddr("/ip4/203.0.113.5/tcp/4001"), other = try Multiaddr("/ip4/203.0.113.9/tcp/4001")
        let peers = (0..<4).map { _ in IdentityKey().peerID }
        for peer in peers { observed.record(home, reportedBy: peer) }
        observed.record(home, reportedBy: peers[0])
        observed.record(other, reportedBy: peers[1])
        #expect(observed.reporterCount(for: home) == 4)
        #expect(observed.confirmed(minimumPeers: 4) == [home])
        #expect(observed.confirmed(minimumPeers: 1) == [home, other])
    }

    @Test("the table stays bounded")
    func bounded() throws {
        var observed = ObservedAddresses()
        let peer = IdentityKey().peerID
        for port in 0..<200 { observed.record(try Multiaddr("/ip4/203.0.113.5/tcp/\(port)"), reportedBy: peer) }
        #expect(observed.confirmed(minimumPeers: 1).count == ObservedAddresses.addressCountMax)
    }

    @Test("a host records what identify says about it")
    func hostRecords() throws {
        var pair = HostPair()
        try pair.connect()
        #expect(pair.dialer.observedAddresses.confirmed(minimumPeers: 1) == [HostPair.dialerAddress])
    }
}
