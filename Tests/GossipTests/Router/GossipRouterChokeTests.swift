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

    @Test("a peer that did not announce the extension is never choked, and its CHOKE is ignored")
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
        net.inject(GossipRPC(choke: GossipChokeMessage(choke: [Self.topic])), from: 2, to: 1)
        #expect(net.routers[1].statistics.chokesIgnored == 1)
        #expect(net.routers[1].meshPeersChokingUs(of: Self.topic).isEmpty)
        #expect(net.deliveries[2].count == 30 && net.routers[1].statistics.lazyPushes == 0)
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
}
