import Gossip
import Identity
import Testing
import Wire

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
        #expect(requests.allSatisfy { $0.reason == .peerExchange(offeredBy: network.peer(1), record: nil) })
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

    static func record(of key: IdentityKey, sequence: UInt64 = 1, port: UInt16 = 4001) throws -> SignedPeerRecord {
        let address = try Multiaddr("/ip4/192.0.2.7/tcp/\(port)")
        return SignedPeerRecord(sealing: PeerRecord(peerID: key.peerID, sequence: sequence, addresses: [address]), with: key)
    }

    /// Our PRUNEs offer each peer with the signed record we hold for it; the router keeps
    /// only a connected peer's own, newest record.
    @Test func offersCarrySignedRecords() throws {
        var network = try GossipRouterTestNetwork(count: 4)
        for peer in 1...3 { network.connect(peer, 0) }
        try network.formMesh(Self.topic)
        let record = try Self.record(of: network.keys[2], sequence: 5)
        network.routers[0].setSignedPeerRecord(record, of: network.peer(2))
        network.routers[0].setSignedPeerRecord(try Self.record(of: network.keys[2], sequence: 4), of: network.peer(2))
        network.routers[0].setSignedPeerRecord(try Self.record(of: network.keys[3]), of: network.peer(2))
        #expect(network.routers[0].signedPeerRecord(of: network.peer(2)) == record)
        #expect(network.routers[0].signedPeerRecord(of: network.peer(3)) == nil)
        let stranger = try GossipRouterTestNetwork.key(9)
        network.routers[0].setSignedPeerRecord(try Self.record(of: stranger), of: stranger.peerID)
        #expect(network.routers[0].signedPeerRecord(of: stranger.peerID) == nil, "not connected")

        network.sent = []
        network.take(network.routers[0].unsubscribe(Self.topic, now: network.now), from: 0)
        let prune = try #require(network.controls(from: 0, to: 1).flatMap(\.prune).first)
        let offered = Dictionary(uniqueKeysWithValues: prune.peers.map { ($0.peerID ?? [], $0.signedPeerRecord) })
        #expect(offered.count == 2)
        #expect(offered[network.peer(2).bytes] == .some(record.envelopeBytes))
        #expect(offered[network.peer(3).bytes] == .some(nil))
        #expect(network.routers[0].statistics.peerExchangeRecordsOffered == 2, "peer 2 offered to peers 1 and 3")

        network.routers[0].removePeer(network.peer(2), now: network.now)
        #expect(network.routers[0].signedPeerRecord(of: network.peer(2)) == nil)
    }

    /// An offered record that opens and names the offered peer rides on its `.connect`;
    /// a record of another peer, a malformed one and one with a key we do not verify are
    /// dropped and counted, and their peers are asked for as if offered bare.
    @Test func offeredRecordsAreVerified() throws {
        var network = try GossipRouterTestNetwork(count: 2)
        network.connect(1, 0)
        try network.formMesh(Self.topic)
        network.routers[0].setApplicationScore(100, of: network.peer(1))
        let strangers = try (10..<15).map { try GossipRouterTestNetwork.key($0) }
        let good = try Self.record(of: strangers[0])
        let foreign = try Self.record(of: strangers[2])
        let secp256k1 = SignedEnvelope(
            publicKey: LibP2PPublicKey(type: .secp256k1, data: [0x02] + Array(repeating: 7, count: 32)),
            payloadType: PeerRecord.payloadType, payload: good.envelope.payload, signature: Array(repeating: 1, count: 70))
        let infos = [
            GossipPeerInfo(peerID: strangers[0].peerID.bytes, signedPeerRecord: good.envelopeBytes),
            GossipPeerInfo(peerID: strangers[1].peerID.bytes, signedPeerRecord: foreign.envelopeBytes),
            GossipPeerInfo(peerID: strangers[2].peerID.bytes, signedPeerRecord: [0x0a, 0x03, 0x01]),
            GossipPeerInfo(peerID: strangers[3].peerID.bytes, signedPeerRecord: secp256k1.protobufBytes),
            GossipPeerInfo(peerID: strangers[4].peerID.bytes),
        ]
        let rpc = GossipRPC(control: GossipControlMessage(prune: [GossipPrune(topic: Self.topic, peers: infos, backoffSeconds: 60)]))
        network.inject(try GossipRPC(protobufBytes: rpc.protobufBytes), from: 1, to: 0)
        let requests = network.connectRequests[0]
        #expect(requests.map(\.peer) == strangers.map(\.peerID))
        #expect(requests.first?.reason == .peerExchange(offeredBy: network.peer(1), record: good))
        #expect(requests.dropFirst().allSatisfy { $0.reason == .peerExchange(offeredBy: network.peer(1), record: nil) })
        let statistics = network.routers[0].statistics
        #expect(statistics.peerExchangeRecordsAccepted == 1)
        #expect(statistics.peerExchangeRecordsInvalid == 2)
        #expect(statistics.peerExchangeRecordsUnsupported == 1)
        #expect(statistics.peerExchangeConnects == 5)
    }
}
