import Identity
import Testing
@testable import P2P

@Suite("P2PHost simultaneous dials")
struct P2PHostSimultaneousDialTests {
    @Test("two peers that dial each other at once keep one connection, the same one on both sides")
    func oneConnectionKept() throws {
        for _ in 0..<8 {
            var network = MemoryNetwork(hostCount: 2)
            try network.dial(0, 1)
            try network.dial(1, 0)
            network.run()
            #expect(network.hosts[0].connectionCount == 1)
            #expect(network.hosts[1].connectionCount == 1)
            // Kept: the connection dialled by the peer with the smaller id.
            let smaller = network.hosts[0].peerID.bytes.lexicographicallyPrecedes(network.hosts[1].peerID.bytes) ? 0 : 1
            let kept = try #require(network.links.first { $0.dialer == smaller })
            #expect(network.hosts[kept.dialer].connectionIDs == [kept.dialerID])
            #expect(network.hosts[kept.listener].connectionIDs == [kept.listenerID])
            let duplicateCloses = network.events.flatMap { $0 }.filter {
                if case .disconnected(_, _, .duplicateConnection) = $0 { true } else { false }
            }
            #expect(!duplicateCloses.isEmpty)
        }
    }

    @Test("a second connection dialled by the same peer is closed, the first kept")
    func secondDialFromSamePeer() throws {
        var network = MemoryNetwork(hostCount: 2)
        try network.dial(0, 1)
        network.run()
        try network.dial(0, 1)
        network.run()
        #expect(network.hosts[0].connectionIDs == [network.links[0].dialerID])
        #expect(network.hosts[1].connectionIDs == [network.links[0].listenerID])
    }
}
