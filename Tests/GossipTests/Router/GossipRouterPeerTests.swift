import Testing
@testable import Gossip

@Suite("GossipRouterPeer")
struct GossipRouterPeerTests {
    static func id(_ number: UInt8) -> GossipMessageID { GossipMessageID(bytes: [number]) }

    @Test("a heartbeat restarts the counters and forgets the ids due by then, keeping the later ones")
    func startHeartbeat() {
        var peer = GossipRouterPeer(version: .v1_2, isOutbound: true)
        peer.ihaveCountThisHeartbeat = 3
        peer.iwantIDCountThisHeartbeat = 40
        peer.unwantedIDs = [Self.id(1): 5, Self.id(2): 6]
        peer.receivedIDs = [Self.id(3): 5, Self.id(4): 7]
        peer.startHeartbeat(5)
        #expect(peer.ihaveCountThisHeartbeat == 0 && peer.iwantIDCountThisHeartbeat == 0)
        #expect(peer.unwantedIDs == [Self.id(2): 6])
        #expect(peer.receivedIDs == [Self.id(4): 7])
        #expect(!peer.doesNotWant(Self.id(1)) && peer.doesNotWant(Self.id(2)) && peer.doesNotWant(Self.id(4)))
        peer.startHeartbeat(7)
        #expect(peer.unwantedIDs.isEmpty && peer.receivedIDs.isEmpty)
    }
}
