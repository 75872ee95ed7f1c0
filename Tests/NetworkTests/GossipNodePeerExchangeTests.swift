import Foundation
import Gossip
import IO
import Identity
import P2P
import Testing
import TestSupport
import Wire
@testable import Network

/// Peer exchange with signed peer records over loopback TCP: a node learns, from a PRUNE,
/// the address of a peer it has never seen and dials it.
@Suite("GossipNode peer exchange with signed peer records", .serialized)
struct GossipNodePeerExchangeTests {
    static let topic = "oln-px"

    @Test("a pruned node dials a peer it never saw at the address of the offered signed record")
    func learnsAndDials() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        var configuration = GossipRouterConfiguration()
        configuration.heartbeatInterval = .milliseconds(100)
        let hub = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: configuration, seed: 1)
        let pruned = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: configuration, seed: 2)
        let offered = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: configuration, seed: 3)
        let meshed = ValueBox<Bool>()
        let any = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute {
            for node in [hub, pruned, offered] { node.subscribe(Self.topic) }
            guard let hubAddress = try? hub.node.listen(on: any), (try? pruned.node.listen(on: any)) != nil,
                  (try? offered.node.listen(on: any)) != nil else { return meshed.set(false) }
            try? pruned.node.dial(hubAddress)
            try? offered.node.dial(hubAddress)
            loop.scheduleTimer(after: .milliseconds(20), repeating: .milliseconds(20)) {
                let mesh = hub.router.meshPeers(of: Self.topic)
                let hasRecord = hub.router.signedPeerRecord(of: offered.node.peerID) != nil
                if mesh.contains(pruned.node.peerID) && mesh.contains(offered.node.peerID) && hasRecord { meshed.set(true) }
            }
        }
        #expect(meshed.wait(seconds: 10) == true, "the hub meshed both and holds the offered node's record")

        let before = ValueBox<Bool>()
        loop.execute { before.set(pruned.node.host.peerStore[offered.node.peerID] == nil) }
        #expect(before.wait() == true, "the pruned node has never heard of the offered one")

        // Leaving the topic, the hub PRUNEs its mesh peers, offering each the other with its record.
        let connected = ValueBox<Bool>()
        loop.execute {
            // The pruned node trusts the hub enough to act on its offers (acceptPXThreshold).
            pruned.router.setApplicationScore(1000, of: hub.node.peerID)
            hub.unsubscribe(Self.topic)
            loop.scheduleTimer(after: .milliseconds(20), repeating: .milliseconds(20)) {
                if pruned.router.connectedPeers.contains(offered.node.peerID) { connected.set(true) }
            }
        }
        #expect(connected.wait(seconds: 10) == true, "the pruned node dialled the offered one")
        let figures = ValueBox<[Int]>()
        loop.execute {
            let statistics = pruned.router.statistics
            let certified = pruned.node.host.peerStore[offered.node.peerID]?.certifiedAddresses ?? []
            figures.set([statistics.peerExchangeRecordsAccepted, pruned.certifiedFromExchangeCount,
                         pruned.connectDialCount, certified == offered.node.host.listenAddresses ? 1 : 0,
                         hub.router.statistics.peerExchangeRecordsOffered])
        }
        let values = try #require(figures.wait())
        #expect(values[0] >= 1, "a record in the offer verified")
        #expect(values[1] == 1, "it went into the host's peer store")
        #expect(values[2] >= 1, "a dial started for the offer")
        #expect(values[3] == 1, "the certified addresses are the offered node's listen addresses")
        #expect(values[4] >= 1)
        loop.execute { hub.shutdown(); pruned.shutdown(); offered.shutdown() }
    }
}
