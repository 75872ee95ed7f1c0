import Gossip
import Identity
import Testing

/// Direct (explicit) peers, gossipsub v1.1: outside the mesh, sent every message of their
/// topics, their GRAFTs pruned, their RPCs accepted whatever their score, reconnected.
@Suite("GossipRouter direct peers")
struct GossipRouterDirectPeerTests {
    static let topic = "t"

    /// Nodes 0–2 in a mesh; 3 is connected to 0 only, and 0 and 3 are each other's direct peers.
    static func network(floodPublish: Bool = true) throws -> GossipRouterTestNetwork {
        let zero = try GossipRouterTestNetwork.key(0).peerID, three = try GossipRouterTestNetwork.key(3).peerID
        var network = try GossipRouterTestNetwork(count: 4) { $0.floodPublish = floodPublish }
        var configuration = network.routers[0].configuration
        configuration.directPeers = [three]
        network.routers[0] = GossipRouter(localPeer: zero, identity: network.keys[0], configuration: configuration, seed: 1)
        configuration.directPeers = [zero]
        network.routers[3] = GossipRouter(localPeer: three, identity: network.keys[3], configuration: configuration, seed: 4)
        network.connect(0, 1)
        network.connect(1, 2)
        network.connect(0, 2)
        network.connect(0, 3)
        try network.formMesh(Self.topic)
        return network
    }

    /// Neither side grafts the other; messages still flow both ways between them, whether
    /// relayed, published with flood publishing or published to the mesh only, and no
    /// IHAVE goes to a direct peer.
    @Test func directPeersGetEveryMessageOutsideTheMesh() throws {
        for floodPublish in [true, false] {
            var network = try Self.network(floodPublish: floodPublish)
            #expect(network.routers[0].meshPeers(of: Self.topic) == [network.peer(1), network.peer(2)])
            #expect(network.routers[3].meshPeers(of: Self.topic).isEmpty)
            #expect(network.routers[0].isDirect(network.peer(3)) && !network.routers[0].isDirect(network.peer(1)))
            let relayed = try network.publish(1, [1], topic: Self.topic, seqno: 1)
            let own = try network.publish(0, [2], topic: Self.topic, seqno: 1)
            let fromDirect = try network.publish(3, [3], topic: Self.topic, seqno: 1)
            try network.run()
            #expect(network.deliveries[3].count == 2, "flood publish \(floodPublish)")
            #expect(Set(network.deliveries[3]) == [relayed, own])
            #expect(network.deliveries[1].contains(fromDirect) && network.deliveries[2].contains(fromDirect))
            network.now += .seconds(1)
            network.heartbeat()
            try network.run()
            #expect(network.controls(from: 0, to: 3).flatMap(\.ihave).isEmpty)
            #expect(network.controls(from: 0, to: 3).flatMap(\.graft).isEmpty)
            #expect(network.routers[0].meshPeers(of: Self.topic).count == 2)
        }
    }

    /// A GRAFT from a direct peer is answered with PRUNE, counted, not penalised, and
    /// carries no peers.
    @Test func graftFromADirectPeerIsPruned() throws {
        var network = try Self.network()
        network.inject(GossipRPC(control: GossipControlMessage(graft: [GossipGraft(topic: Self.topic)])), from: 3, to: 0)
        #expect(!network.routers[0].meshPeers(of: Self.topic).contains(network.peer(3)))
        #expect(network.controls(from: 0, to: 3).flatMap(\.prune) == [GossipPrune(topic: Self.topic, backoffSeconds: 60)])
        #expect(network.routers[0].statistics.directGraftsRefused == 1)
        #expect(network.routers[0].statistics.graftBackoffViolations == 0)
        #expect(network.routers[0].score.behaviourPenalty(of: network.peer(3)) == 0)
    }

    /// A direct peer's RPCs are accepted below the graylist threshold; another peer's are not.
    @Test func directPeersAreNotGraylisted() throws {
        var network = try Self.network()
        let graylist = network.routers[0].configuration.scoreThresholds.graylistThreshold
        network.routers[0].setApplicationScore(graylist * 2, of: network.peer(3))
        network.routers[0].setApplicationScore(graylist * 2, of: network.peer(1))
        let fromDirect = GossipMessage(data: [7], topic: Self.topic).signed(by: network.keys[3], seqno: 9)
        network.inject(GossipRPC(messages: [fromDirect]), from: 3, to: 0)
        let fromOther = GossipMessage(data: [8], topic: Self.topic).signed(by: network.keys[1], seqno: 9)
        network.inject(GossipRPC(messages: [fromOther]), from: 1, to: 0)
        #expect(network.deliveries[0].count == 1)
        #expect(network.routers[0].statistics.graylistedRPCs == 1)
    }

    /// A direct peer that is not connected is asked for at the first heartbeat and every
    /// `directConnectHeartbeats` after it; a connected one is not.
    @Test func disconnectedDirectPeersAreReconnected() throws {
        let absent = try GossipRouterTestNetwork.key(5).peerID, one = try GossipRouterTestNetwork.key(1).peerID
        var network = try GossipRouterTestNetwork(count: 2) { configuration in
            configuration.directConnectHeartbeats = 3
            configuration.directPeers = [absent, one]
        }
        network.connect(0, 1)
        for _ in 0..<7 {
            network.now += .seconds(1)
            network.heartbeat([0])
        }
        #expect(network.connectRequests[0].map(\.peer) == [absent, absent, absent], "heartbeats 1, 4 and 7")
        #expect(network.connectRequests[0].allSatisfy { $0.reason == .directPeer })
        #expect(network.routers[0].statistics.directConnects == 3)
    }
}
