import Gossip
import Identity
import Testing

/// Mesh maintenance, IWANT promises and limits of one router fed by hand.
@Suite("GossipRouter mesh maintenance, gossip promises and limits")
struct GossipRouterMeshTests {
    static let topic = "t"

    /// Router 0 with 20 peers that announce the topic and GRAFT: peers 1 and 2 were
    /// dialled by 0 (outbound), the rest dialled 0.
    static func crowdedRouter() throws -> GossipRouterTestNetwork {
        var network = try GossipRouterTestNetwork(count: 21)
        network.subscribe(0, topic)
        for peer in 1...20 {
            if peer <= 2 { network.connect(0, peer) } else { network.connect(peer, 0) }
        }
        for peer in (3...20).map({ $0 }) + [1, 2] {
            network.inject(GossipRPC(
                subscriptions: [GossipSubscription(subscribe: true, topic: topic)],
                control: GossipControlMessage(graft: [GossipGraft(topic: topic)])), from: peer, to: 0)
        }
        network.pending = []
        return network
    }

    /// Inbound GRAFTs stop at D_hi; outbound ones are still accepted; the heartbeat cuts
    /// the mesh to D keeping both outbound peers (D_out = 2).
    @Test func heartbeatPrunesAnOversizedMeshToD() throws {
        var network = try Self.crowdedRouter()
        let configuration = network.routers[0].configuration
        #expect(network.routers[0].meshPeers(of: Self.topic).count == configuration.meshDegreeHigh + 2)
        #expect(network.routers[0].statistics.graftsRefused == 20 - 2 - configuration.meshDegreeHigh)
        network.now += .seconds(1)
        network.heartbeat([0])
        let mesh = network.routers[0].meshPeers(of: Self.topic)
        #expect(mesh.count == configuration.meshDegree)
        #expect(mesh.contains(network.peer(1)) && mesh.contains(network.peer(2)))
        let prunes = network.sent.filter { $0.from == 0 }.flatMap { $0.rpc.control?.prune ?? [] }
        #expect(prunes.count == 20 - configuration.meshDegree)
    }

    /// After peers leave, the heartbeat grafts back up to D from peers no longer backing off.
    @Test func heartbeatGraftsAnUndersizedMeshUpToD() throws {
        var network = try Self.crowdedRouter()
        network.now += .seconds(1)
        network.heartbeat([0])
        let configuration = network.routers[0].configuration
        let mesh = GossipRouterTestNetwork.sorted(network.routers[0].meshPeers(of: Self.topic))
        for peer in mesh.prefix(4) {
            network.routers[0].removePeer(peer, now: network.now)
        }
        #expect(network.routers[0].meshPeers(of: Self.topic).count == configuration.meshDegree - 4)
        network.now += .seconds(1)
        network.heartbeat([0])
        #expect(network.routers[0].meshPeers(of: Self.topic).count == configuration.meshDegree - 4,
                "every other peer is backing off")
        network.now += configuration.pruneBackoff + .seconds(3)
        network.heartbeat([0])
        let refilled = network.routers[0].meshPeers(of: Self.topic)
        #expect(refilled.count == configuration.meshDegree)
        #expect((configuration.meshDegreeLow...configuration.meshDegreeHigh).contains(refilled.count))
    }

    /// The same inputs and seed give the same mesh.
    @Test func choicesAreReproducibleFromTheSeed() throws {
        var first = try Self.crowdedRouter()
        var second = try Self.crowdedRouter()
        first.now += .seconds(1)
        second.now += .seconds(1)
        first.heartbeat([0])
        second.heartbeat([0])
        #expect(first.routers[0].meshPeers(of: Self.topic) == second.routers[0].meshPeers(of: Self.topic))
    }

    /// Past the peer limit a peer is refused with a disconnect; IDONTWANT ids past the
    /// per-peer limit are dropped and counted.
    @Test func limitsAreEnforcedAndCounted() throws {
        var network = try GossipRouterTestNetwork(count: 3) { configuration in
            configuration.peerCountMax = 1
            configuration.idontwantCountMaxPerPeer = 2
        }
        network.connect(0, 1)
        let refused = network.routers[0].addPeer(network.peer(2), version: .v1_2, outbound: false, now: .zero)
        #expect(refused == [.disconnect(network.peer(2), .peerLimitReached)])
        #expect(network.routers[0].statistics.peersRefused == 1)
        let ids = (0..<5).map { GossipMessageID(bytes: [UInt8($0)]) }
        network.inject(GossipRPC(control: GossipControlMessage(idontwant: [GossipIDontWant(messageIDs: ids)])),
                       from: 1, to: 0)
        #expect(network.routers[0].statistics.idontwantIDsReceived == 2)
        #expect(network.routers[0].statistics.idontwantIDsDropped == 3)
    }

    /// Served messages are split into RPCs the peer's decoder accepts, and capped per call.
    @Test func outboundRPCsAreSplitAndCapped() throws {
        var network = try GossipRouterTestNetwork(count: 2) { configuration in
            configuration.rpcLimits.messageCountMax = 2
            configuration.outboundMessageCountMaxPerPeer = 4
        }
        network.connect(1, 0)
        network.subscribe(0, Self.topic)
        var ids: [GossipMessageID] = []
        for seqno in 1...5 {
            ids.append(try network.publish(0, [UInt8(seqno)], topic: Self.topic, seqno: UInt64(seqno)))
        }
        network.sent = []
        network.inject(GossipRPC(control: GossipControlMessage(iwant: [GossipIWant(messageIDs: ids)])), from: 1, to: 0)
        #expect(network.sent.map(\.rpc.messages.count) == [2, 2])
        #expect(network.routers[0].statistics.outboundMessagesDropped == 1)
    }

    /// A peer that announced a message with IHAVE and did not deliver it within the
    /// follow-up time after our IWANT earns a behaviour penalty; one that did, none.
    @Test func brokenIWantPromisesArePenalised() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(1, 0)
        network.connect(2, 0)
        network.subscribe(0, Self.topic)
        let kept = GossipMessage(data: [1], topic: Self.topic).signed(by: network.keys[1], seqno: 1)
        let broken = GossipMessage(data: [2], topic: Self.topic).signed(by: network.keys[2], seqno: 1)
        let function = GossipMessageIDFunction.authorAndSequence
        for (sender, message) in [(1, kept), (2, broken)] {
            let ihave = GossipIHave(topic: Self.topic, messageIDs: [function.messageID(for: message)])
            network.inject(GossipRPC(control: GossipControlMessage(ihave: [ihave])), from: sender, to: 0)
        }
        #expect(network.routers[0].statistics.iwantIDsSent == 2)
        network.now += .seconds(1)
        network.inject(GossipRPC(messages: [kept]), from: 1, to: 0)
        network.now += network.routers[0].configuration.iwantFollowupTime
        network.heartbeat([0])
        #expect(network.routers[0].statistics.brokenPromises == 1)
        #expect(network.routers[0].score.behaviourPenalty(of: network.peer(1)) == 0)
        #expect(network.routers[0].score.behaviourPenalty(of: network.peer(2)) == 1)
    }

    /// When the mesh's median score is below the opportunistic graft threshold, a better
    /// scoring peer outside the mesh is grafted.
    @Test func lowMedianScoreGraftsABetterPeer() throws {
        var network = try GossipRouterTestNetwork(count: 4) { configuration in
            configuration.meshDegree = 2
            configuration.meshDegreeLow = 1
            configuration.meshDegreeHigh = 4
            configuration.meshDegreeScore = 1
            configuration.meshOutboundMin = 0
            configuration.opportunisticGraftHeartbeats = 1
        }
        for peer in 1...3 { network.connect(peer, 0) }
        let announce = GossipRPC(subscriptions: [GossipSubscription(subscribe: true, topic: Self.topic)])
        network.inject(announce, from: 1, to: 0)
        network.inject(announce, from: 2, to: 0)
        network.subscribe(0, Self.topic)
        network.inject(announce, from: 3, to: 0)
        network.routers[0].setApplicationScore(10, of: network.peer(3))
        network.now += .seconds(1)
        network.heartbeat([0])
        #expect(network.routers[0].meshPeers(of: Self.topic) == [network.peer(1), network.peer(2), network.peer(3)])
        #expect(network.routers[0].statistics.opportunisticGrafts == 1)
    }

    /// The heartbeat prunes a mesh peer whose score went negative, and GRAFTs from a
    /// negative peer are refused.
    @Test func negativeScorePeersArePruned() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(1, 0)
        network.connect(2, 0)
        try network.formMesh(Self.topic)
        #expect(network.routers[0].meshPeers(of: Self.topic).count == 2)
        network.routers[0].setApplicationScore(-1, of: network.peer(2))
        network.now += .seconds(1)
        network.heartbeat([0])
        #expect(network.routers[0].meshPeers(of: Self.topic) == [network.peer(1)])
        network.now += network.routers[0].configuration.pruneBackoff + .seconds(1)
        network.inject(GossipRPC(control: GossipControlMessage(graft: [GossipGraft(topic: Self.topic)])), from: 2, to: 0)
        #expect(network.routers[0].meshPeers(of: Self.topic) == [network.peer(1)])
        #expect(network.routers[0].statistics.graftsRefused == 1)
    }
}
