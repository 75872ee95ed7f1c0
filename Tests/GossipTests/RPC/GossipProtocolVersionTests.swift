import Gossip
import Testing

@Suite("GossipProtocolVersion")
struct GossipProtocolVersionTests {
    @Test("protocol ids map to versions and back")
    func protocolIDs() {
        #expect(GossipProtocolVersion.v1_0.protocolID == "/meshsub/1.0.0")
        #expect(GossipProtocolVersion.v1_1.protocolID == "/meshsub/1.1.0")
        #expect(GossipProtocolVersion.v1_2.protocolID == "/meshsub/1.2.0")
        for version in GossipProtocolVersion.allCases {
            #expect(GossipProtocolVersion(protocolID: version.protocolID) == version)
        }
        #expect(GossipProtocolVersion(protocolID: "/floodsub/1.0.0") == nil)
        #expect(GossipProtocolVersion.preferenceOrder.map(\.protocolID) == ["/meshsub/1.2.0", "/meshsub/1.1.0", "/meshsub/1.0.0"])
    }

    @Test("what each version allows")
    func allowances() {
        #expect(!GossipProtocolVersion.v1_0.allowsPeerExchange && !GossipProtocolVersion.v1_0.allowsIDontWant)
        #expect(GossipProtocolVersion.v1_1.allowsPeerExchange && !GossipProtocolVersion.v1_1.allowsIDontWant)
        #expect(GossipProtocolVersion.v1_2.allowsPeerExchange && GossipProtocolVersion.v1_2.allowsIDontWant)
    }

    @Test("restricting an RPC strips what the version does not define")
    func restricted() {
        let prune = GossipPrune(topic: "t", peers: [GossipPeerInfo(peerID: [1])], backoffSeconds: 60)
        let idontwant = GossipIDontWant(messageIDs: [GossipMessageID(bytes: [9])])
        let rpc = GossipRPC(control: GossipControlMessage(prune: [prune], idontwant: [idontwant]))
        #expect(rpc.restricted(to: .v1_2) == rpc)
        #expect(rpc.restricted(to: .v1_1) == GossipRPC(control: GossipControlMessage(prune: [prune])))
        #expect(rpc.restricted(to: .v1_0) == GossipRPC(control: GossipControlMessage(prune: [GossipPrune(topic: "t")])))
        let onlyIDontWant = GossipRPC(control: GossipControlMessage(idontwant: [idontwant]))
        #expect(onlyIDontWant.restricted(to: .v1_1) == GossipRPC())
        #expect(GossipRPC().restricted(to: .v1_0) == GossipRPC())
    }
}
