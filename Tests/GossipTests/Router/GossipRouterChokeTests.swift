import Gossip
import Identity
import Testing

/// The choke extension between routers: lazy push to peers that choked us, and nothing of
/// it towards peers that did not announce it.
@Suite("GossipRouter choke extension")
struct GossipRouterChokeTests {
    static let topic = "oln/choke"

    /// Nodes 0 – 1 – 2 in a line, meshed; `chokes[i]` says whether node i uses the extension.
    static func line(chokes: [Bool] = [true, true, true]) throws -> GossipRouterTestNetwork {
        var net = try GossipRouterTestNetwork(count: 3)
        for (index, uses) in chokes.enumerated() {
            var configuration = GossipRouterConfiguration()
            configuration.chokesMeshPeers = uses
            net.routers[index] = GossipRouter(
                localPeer: net.keys[index].peerID, identity: net.keys[index], configuration: configuration,
                seed: UInt64(index + 1))
        }
        net.connect(0, 1)
        net.connect(1, 2)
        try net.formMesh(Self.topic)
        return net
    }

    @Test("the extension is announced in the first RPC to every peer")
    func announced() throws {
        let net = try Self.line(chokes: [true, true, false])
        let first = try #require(net.sent.first { $0.from == 1 && $0.to == 2 })
        #expect(first.rpc.control?.extensions == GossipExtensions(choke: true))
        #expect(net.sent.allSatisfy { $0.from != 2 || $0.rpc.control?.extensions == nil })
    }

    @Test("a mesh peer that choked us gets IHAVE at once instead of the message, asks for it and gets it")
    func lazyPush() throws {
        var net = try Self.line()
        #expect(net.routers[2].meshPeers(of: Self.topic).contains(net.peer(1)))
        net.inject(GossipRPC(choke: GossipChokeMessage(choke: [Self.topic])), from: 2, to: 1)
        #expect(net.routers[1].meshPeersChokingUs(of: Self.topic) == [net.peer(2)])
        let sentBefore = net.sent.count
        let id = try net.publish(0, [1, 2, 3], topic: Self.topic, seqno: 1)
        try net.run()
        let after = net.sent[sentBefore...]
        let ihaves = after.filter { $0.from == 1 && $0.to == 2 }.compactMap(\.rpc.control).flatMap(\.ihave)
        #expect(ihaves == [GossipIHave(topic: Self.topic, messageIDs: [id])])
        #expect(net.routers[1].statistics.lazyPushes == 1)
        #expect(net.deliveries[2] == [id], "node 2 asked with IWANT and got it")
        #expect(net.routers[1].statistics.iwantMessagesServed == 1)
        // Our own message still goes in full to a peer that choked us.
        let own = try net.publish(1, [4], topic: Self.topic, seqno: 2)
        try net.run()
        #expect(net.deliveries[2].last == own)
        // UNCHOKE: forwards are eager again.
        net.inject(GossipRPC(choke: GossipChokeMessage(unchoke: [Self.topic])), from: 2, to: 1)
        let third = try net.publish(0, [5], topic: Self.topic, seqno: 3)
        try net.run()
        #expect(net.messages(from: 1, to: 2).contains { $0.data == [5] })
        #expect(net.deliveries[2].last == third)
        #expect(net.routers[1].statistics.lazyPushes == 1)
    }

    @Test("a peer that did not announce the extension is never choked; a CHOKE counts as its announcement")
    func neverChokesOthers() throws {
        var net = try Self.line(chokes: [true, true, false])
        for seqno in 1...30 {
            _ = try net.publish(0, [UInt8(seqno)], topic: Self.topic, seqno: UInt64(seqno))
            try net.run()
            net.now += .milliseconds(20)
        }
        net.heartbeat()
        try net.run()
        #expect(net.sent.allSatisfy { $0.to != 2 || $0.rpc.choke == nil })
        #expect(net.routers[1].chokedMeshPeers(of: Self.topic).isEmpty)
        #expect(net.deliveries[2].count == 30 && net.routers[1].statistics.lazyPushes == 0)
        // A CHOKE whose sender's announcement never arrived (a lossy link dropped it).
        net.inject(GossipRPC(choke: GossipChokeMessage(choke: [Self.topic])), from: 2, to: 1)
        #expect(net.routers[1].statistics.chokeSupportInferred == 1)
        #expect(net.routers[1].meshPeersChokingUs(of: Self.topic) == [net.peer(2)])
    }

    @Test("CHOKE from a peer outside the mesh is ignored; leaving the mesh unchokes")
    func meshOnly() throws {
        var net = try Self.line()
        net.inject(GossipRPC(choke: GossipChokeMessage(choke: ["other-topic"])), from: 2, to: 1)
        #expect(net.routers[1].statistics.chokesIgnored == 1)
        net.inject(GossipRPC(choke: GossipChokeMessage(choke: [Self.topic])), from: 2, to: 1)
        net.inject(GossipRPC(control: GossipControlMessage(prune: [GossipPrune(topic: Self.topic)])), from: 2, to: 1)
        #expect(net.routers[1].meshPeersChokingUs(of: Self.topic).isEmpty)
    }

    /// A ring 0 – 1 – 2 – 3 – 0, meshed, of routers that choke and keep one mesh peer
    /// unchoked; node 1 hears each of node 3's messages from 0 and from 2.
    static func ring(_ configure: (inout GossipRouterConfiguration) -> Void = { _ in }) throws -> GossipRouterTestNetwork {
        var net = try GossipRouterTestNetwork(count: 4) {
            $0.chokesMeshPeers = true
            $0.meshUnchokedCount = 1
            configure(&$0)
        }
        for (first, second) in [(0, 1), (1, 2), (2, 3), (3, 0)] { net.connect(first, second) }
        try net.formMesh(Self.topic)
        return net
    }

    /// Node 3 publishes messages `seqnos`, 20 ms apart; `lost` picks RPCs the links drop.
    static func publishFromThree(
        _ net: inout GossipRouterTestNetwork, _ seqnos: ClosedRange<UInt64>,
        lost: (GossipRouterTestNetwork.Sent) -> Bool = { _ in false }
    ) throws {
        for seqno in seqnos {
            _ = try net.publish(3, [UInt8(truncatingIfNeeded: seqno)], topic: Self.topic, seqno: seqno)
            try net.run(lost: lost)
            net.now += .milliseconds(20)
        }
    }

    /// A `ring` after three messages from node 3, by which node 1 has measured 0 and 2 and
    /// choked one of them (`choked`).
    static func ringChokingOne(
        _ configure: (inout GossipRouterConfiguration) -> Void = { _ in },
        lost: (GossipRouterTestNetwork.Sent) -> Bool = { _ in false }
    ) throws -> (net: GossipRouterTestNetwork, choked: Int) {
        var net = try ring(configure)
        try publishFromThree(&net, 1...3, lost: lost)
        let choked = try #require(net.routers[1].chokedMeshPeers(of: Self.topic).first)
        return (net, try #require(net.index(of: choked)))
    }

    @Test("CHOKE goes again to a choked peer that still sends duplicates (the first was lost), at most once a second")
    func repeatsLostChoke() throws {
        var (net, forwarder) = try Self.ringChokingOne(lost: { $0.from == 1 && $0.rpc.choke != nil })
        #expect(net.routers[forwarder].meshPeersChokingUs(of: Self.topic).isEmpty, "the CHOKE was lost")
        let unchoked = forwarder == 0 ? 2 : 0
        // Node 3 publishes, and node 1 hears it first from its unchoked peer, so the choked
        // peer's push is a duplicate.
        func publish(_ seqno: UInt64) throws {
            _ = try net.publish(3, [UInt8(seqno)], topic: Self.topic, seqno: seqno)
            let message = try #require(net.pending.first { $0.from == 3 }?.rpc.messages.first)
            net.inject(GossipRPC(messages: [message]), from: unchoked, to: 1)
            try net.run()
        }
        try publish(4)
        #expect(net.routers[1].statistics.chokesRepeated == 0, "not within a second of the first CHOKE")
        net.now += .seconds(1)
        try publish(5)
        #expect(net.routers[1].statistics.chokesRepeated == 1)
        #expect(net.routers[forwarder].meshPeersChokingUs(of: Self.topic) == [net.peer(1)])
        let lazyPushesBefore = net.routers[forwarder].statistics.lazyPushes
        net.now += .seconds(1)
        try publish(6)
        #expect(net.routers[forwarder].statistics.lazyPushes == lazyPushesBefore + 1, "it announces instead")
        #expect(net.routers[1].statistics.chokesRepeated == 1)
    }

    @Test("in an unsigned topic, a choked peer's own message (new to us) is no reason to repeat CHOKE")
    func ownMessagesOfAChokedPeer() throws {
        let unsigned = GossipTopicOptions(signingPolicy: .strictNoSign, messageIDFunction: .contentHash)
        var (net, choked) = try Self.ringChokingOne({ $0.topicOptions = [Self.topic: unsigned] }) {
            $0.from == 1 && $0.rpc.choke != nil
        }
        net.now += .seconds(2)
        let id = try net.publish(choked, [7], topic: Self.topic, seqno: 7)
        try net.run()
        #expect(net.deliveries[1].last == id)
        #expect(net.messages(from: choked, to: 1).contains { $0.data == [7] }, "flood publishing sends it in full")
        #expect(net.routers[1].statistics.chokesRepeated == 0)
    }

    @Test("in a topic it chokes in, IDONTWANT goes for small messages too once a peer is choked, to the unchoked mesh peers only")
    func noIDontWantToChokedPeers() throws {
        var (net, choked) = try Self.ringChokingOne()
        let sentByOne = net.sent.filter { $0.from == 1 }
        let firstChoke = try #require(sentByOne.firstIndex { $0.rpc.choke?.choke.isEmpty == false })
        #expect(sentByOne[..<firstChoke].allSatisfy { $0.rpc.control?.idontwant.isEmpty ?? true },
                "none for small messages while nobody is choked")
        let unchoked = choked == 0 ? 2 : 0
        let sentBefore = net.sent.count
        _ = try net.publish(0, [9], topic: Self.topic, seqno: 9)
        _ = try net.publish(2, [10], topic: Self.topic, seqno: 10)
        try net.run()
        let idontwants = net.sent[sentBefore...].filter { $0.from == 1 }.compactMap(\.rpc.control).flatMap(\.idontwant)
        #expect(!idontwants.isEmpty)
        #expect(!net.sent[sentBefore...].contains { $0.from == 1 && $0.to == choked && $0.rpc.control?.idontwant.isEmpty == false })
        #expect(net.sent[sentBefore...].contains { $0.from == 1 && $0.to == unchoked && $0.rpc.control?.idontwant.isEmpty == false })
    }

    @Test("outside `chokingTopics` nobody is choked and small messages get no IDONTWANT; a peer's CHOKE is honoured")
    func chokingTopicsOnly() throws {
        var net = try Self.ring {
            $0.chokingTopics = ["oln/other"]
            $0.idontwantThreshold = 2
        }
        try Self.publishFromThree(&net, 1...6)
        net.heartbeat()
        try net.run()
        #expect(net.routers[1].chokedMeshPeers(of: Self.topic).isEmpty)
        #expect(!net.sent.contains { $0.rpc.choke != nil })
        #expect(!net.sent.contains { $0.rpc.control?.idontwant.isEmpty == false }, "1-byte messages, threshold 2")
        net.inject(GossipRPC(choke: GossipChokeMessage(choke: [Self.topic])), from: 2, to: 1)
        #expect(net.routers[1].meshPeersChokingUs(of: Self.topic) == [net.peer(2)])
    }

    @Test("a mesh no larger than the peers kept unchoked measures nothing and chokes nobody; a larger one chokes")
    func smallMeshesMeasureNothing() throws {
        var small = try Self.ring { $0.meshUnchokedCount = 2 }
        try Self.publishFromThree(&small, 1...6)
        small.heartbeat()
        try small.run()
        #expect(small.routers.allSatisfy { $0.statistics.chokeSamples == 0 }, "two mesh peers, two kept unchoked")
        #expect(small.routers[1].chokedMeshPeers(of: Self.topic).isEmpty)
        #expect(!small.sent.contains { $0.rpc.choke != nil })
        let (larger, choked) = try Self.ringChokingOne()
        #expect(larger.routers[1].statistics.chokeSamples > 0, "two mesh peers, one kept unchoked")
        #expect(larger.routers[1].chokedMeshPeers(of: Self.topic) == [larger.peer(choked)])
    }
}
