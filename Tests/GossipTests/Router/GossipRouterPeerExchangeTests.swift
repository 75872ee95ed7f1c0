import Gossip
import Identity
import Testing

/// Peer exchange (gossipsub v1.1): what our PRUNEs offer, and what we do with offers.
@Suite("GossipRouter peer exchange")
struct GossipRouterPeerExchangeTests {
    static let topic = "t"

    static func prune(offering peers: [[UInt8]?], backoffSeconds: UInt64 = 60) -> GossipRPC {
        GossipRPC(control: GossipControlMessage(prune: [GossipPrune(
            topic: topic, peers: peers.map { GossipPeerInfo(peerID: $0) }, backoffSeconds: backoffSeconds)]))
    }

    /// The PRUNEs of an oversubscribed mesh (and of GRAFTs refused at D_hi) offer up to
    /// `prunePeerCount` other peers of the topic, never the pruned peer itself.
    @Test func oversubscribedPrunesOfferOtherPeers() throws {
        var network = try GossipRouterMeshTests.crowdedRouter()
        let refused = network.sent.filter { $0.from == 0 }.flatMap { $0.rpc.control?.prune ?? [] }
        #expect(refused.count == 6, "20 GRAFTs, 12 inbound accepted up to D_hi, 2 outbound")
        // Each GRAFT came with its subscription: the k-th refused peer (k from 0) is
        // refused when 13 + k peers have announced the topic, itself included.
        #expect(refused.map(\.peers.count) == [12, 13, 14, 15, 16, 16])
        #expect(refused.allSatisfy { $0.backoffSeconds == 60 })
        network.sent = []
        network.now += .seconds(1)
        network.heartbeat([0])
        let pruned = network.sent.filter { $0.from == 0 && $0.rpc.control?.prune.isEmpty == false }
        #expect(pruned.count == 8, "14 in the mesh, cut to D = 6")
        for sent in pruned {
            let prune = try #require(sent.rpc.control?.prune.first)
            let offered = prune.peers.compactMap(\.peerID)
            #expect(offered.count == 16)
            #expect(Set(offered).count == offered.count)
            #expect(!offered.contains(network.peer(sent.to).bytes))
            #expect(!offered.contains(network.peer(0).bytes))
        }
        #expect(network.routers[0].statistics.peerExchangeOffered == 12 + 13 + 14 + 15 + 16 + 16 + 16 * 8)
    }

    /// No PX to a peer pruned for a negative score, nor to a v1.0 peer, nor when PX is off.
    @Test func noOfferToNegativePeersOldPeersOrWhenDisabled() throws {
        var network = try GossipRouterTestNetwork(count: 4)
        network.connect(1, 0)
        network.connect(2, 0)
        network.connect(3, 0, version: .v1_0)
        try network.formMesh(Self.topic)
        network.routers[0].setApplicationScore(-1, of: network.peer(2))
        network.now += .seconds(1)
        network.sent = []
        network.heartbeat([0])
        #expect(network.controls(from: 0, to: 2).flatMap(\.prune) == [GossipPrune(topic: Self.topic, backoffSeconds: 60)])
        network.sent = []
        network.take(network.routers[0].unsubscribe(Self.topic, now: network.now), from: 0)
        let toOld = network.controls(from: 0, to: 3).flatMap(\.prune)
        #expect(toOld == [GossipPrune(topic: Self.topic)], "v1.0 PRUNEs carry neither peers nor a back-off")
        let toOne = try #require(network.controls(from: 0, to: 1).flatMap(\.prune).first)
        #expect(toOne.backoffSeconds == 10, "the unsubscribe back-off")
        #expect(toOne.peers == [GossipPeerInfo(peerID: network.peer(3).bytes)], "peer 2 scores below 0")

        var quiet = try GossipRouterTestNetwork(count: 3) { $0.offersPeerExchange = false }
        quiet.connect(0, 1)
        quiet.connect(0, 2)
        try quiet.formMesh(Self.topic)
        quiet.take(quiet.routers[0].unsubscribe(Self.topic, now: quiet.now), from: 0)
        #expect(quiet.controls(from: 0, to: 1).flatMap(\.prune) == [GossipPrune(topic: Self.topic, backoffSeconds: 10)])
    }

    /// An offer from a peer at the accept-PX threshold becomes `.connect` actions: at most
    /// `prunePeerCount` of the offered peers, not ourselves, not connected peers, not
    /// unparsable ids; the rest is counted as dropped.
    @Test func offersFromTrustedPeersBecomeConnects() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(1, 0)
        network.connect(2, 0)
        try network.formMesh(Self.topic)
        network.routers[0].setApplicationScore(100, of: network.peer(1))
        let strangers = try (10..<30).map { try GossipRouterTestNetwork.key($0).peerID }
        var offered: [[UInt8]?] = [network.peer(0).bytes, network.peer(2).bytes, [1, 2, 3], nil]
        offered += strangers.prefix(12).map(\.bytes)
        network.inject(Self.prune(offering: offered), from: 1, to: 0)
        let requests = network.connectRequests[0]
        #expect(requests.map(\.peer) == Array(strangers.prefix(12)))
        #expect(requests.allSatisfy { $0.reason == .peerExchange(offeredBy: network.peer(1)) })
        #expect(network.routers[0].statistics.peerExchangeConnects == 12)
        #expect(network.routers[0].statistics.peerExchangeDropped == 2, "two ids that do not parse")
        #expect(network.routers[0].meshPeers(of: Self.topic) == [network.peer(2)])

        network.connectRequests[0] = []
        network.now += .seconds(1)
        network.heartbeat([0])
        network.inject(Self.prune(offering: strangers.map(\.bytes)), from: 1, to: 0)
        #expect(network.connectRequests[0].count == 16, "at most prunePeerCount of 20")
        #expect(network.routers[0].statistics.peerExchangeDropped == 2 + 4)
    }

    /// Offers from peers below the accept-PX threshold, or for topics we are not in, are ignored.
    @Test func offersFromUntrustedPeersAreIgnored() throws {
        var network = try GossipRouterTestNetwork(count: 2)
        network.connect(1, 0)
        try network.formMesh(Self.topic)
        let strangers = try (10..<14).map { try GossipRouterTestNetwork.key($0).peerID.bytes }
        network.routers[0].setApplicationScore(99, of: network.peer(1))
        network.inject(Self.prune(offering: strangers), from: 1, to: 0)
        #expect(network.connectRequests[0].isEmpty)
        #expect(network.routers[0].statistics.peerExchangeIgnored == 4)
        #expect(network.routers[0].meshPeers(of: Self.topic).isEmpty, "the PRUNE itself still counts")

        network.routers[0].setApplicationScore(1000, of: network.peer(1))
        let elsewhere = GossipRPC(control: GossipControlMessage(prune: [GossipPrune(
            topic: "other", peers: strangers.map { GossipPeerInfo(peerID: $0) }, backoffSeconds: 60)]))
        network.inject(elsewhere, from: 1, to: 0)
        #expect(network.connectRequests[0].isEmpty)
        #expect(network.routers[0].statistics.peerExchangeIgnored == 8)
    }

    /// At most `peerExchangeConnectCountMaxPerHeartbeat` connects per heartbeat interval.
    @Test func connectsAreBoundedPerHeartbeat() throws {
        var network = try GossipRouterTestNetwork(count: 2) { $0.peerExchangeConnectCountMaxPerHeartbeat = 5 }
        network.connect(1, 0)
        try network.formMesh(Self.topic)
        network.routers[0].setApplicationScore(100, of: network.peer(1))
        let strangers = try (10..<18).map { try GossipRouterTestNetwork.key($0).peerID.bytes }
        network.inject(Self.prune(offering: strangers), from: 1, to: 0)
        #expect(network.connectRequests[0].count == 5)
        #expect(network.routers[0].statistics.peerExchangeDropped == 3)
        network.now += .seconds(1)
        network.heartbeat([0])
        network.inject(Self.prune(offering: strangers), from: 1, to: 0)
        #expect(network.connectRequests[0].count == 10)
    }
}
