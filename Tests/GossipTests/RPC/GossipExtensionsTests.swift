import Gossip
import TestSupport
import Testing

@Suite("GossipExtensions codec")
struct GossipExtensionsTests {
    /// `RPC { control: { extensions: { choke: true } } }` as Python's protobuf encodes it.
    static let chokeEncoded = hex("1a083206f8d3d4e60701")
    /// `RPC { control: { extensions: { testExtension: true } } }` (py-libp2p's experimental flag).
    static let otherEncoded = hex("1a0732059091e21801")

    @Test("the choke flag decodes from and encodes to what Python's protobuf makes")
    func knownAnswer() throws {
        let control = try #require(try GossipRPC(protobufBytes: Self.chokeEncoded).control)
        #expect(control.extensions == GossipExtensions(choke: true))
        #expect(!control.isEmpty)
        let rpc = GossipRPC(control: GossipControlMessage(extensions: GossipExtensions(choke: true)))
        #expect(rpc.protobufBytes == Self.chokeEncoded)
    }

    @Test("extensions this router does not know are skipped")
    func unknownExtensions() throws {
        let control = try #require(try GossipRPC(protobufBytes: Self.otherEncoded).control)
        #expect(control.extensions == nil)
    }

    @Test("py-libp2p's older repeated name/data form, and a flag of the wrong wire type, announce nothing")
    func lenient() throws {
        // ControlMessage { extensions(6): { name(1): "x", data(2): 0x01 } } twice.
        let older = try #require(try GossipRPC(protobufBytes: hex("1a1032060a01781201013206" + "0a0178120101")).control)
        #expect(older.extensions == nil)
        // The choke field as a length-delimited value instead of a bool.
        let wrongType = try #require(try GossipRPC(protobufBytes: hex("1a083206fad3d4e60700")).control)
        #expect(wrongType.extensions == nil)
    }

    @Test("a repeated extensions message is merged")
    func merged() throws {
        let control = try #require(try GossipRPC(protobufBytes: hex("1a0f3206f8d3d4e60701" + "32059091e21801")).control)
        #expect(control.extensions == GossipExtensions(choke: true))
    }
}
