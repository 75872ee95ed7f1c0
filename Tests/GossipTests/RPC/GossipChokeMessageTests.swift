import Gossip
import TestSupport
import Testing

@Suite("GossipChokeMessage codec")
struct GossipChokeMessageTests {
    /// `RPC { choke: ChokeExtension { choke: [oln/tx, b], unchoke: [oln/batches] } }` as
    /// Python's protobuf encodes it from the schema in GossipChokeMessage's documentation.
    static let pythonEncoded = hex("fad3d4e6071e0a080a066f6c6e2f74780a030a0162120d0a0b6f6c6e2f62617463686573")

    @Test("CHOKE and UNCHOKE decode from and encode to what Python's protobuf makes")
    func knownAnswer() throws {
        let rpc = try GossipRPC(protobufBytes: Self.pythonEncoded)
        let expected = GossipChokeMessage(choke: ["oln/tx", "b"], unchoke: ["oln/batches"])
        #expect(rpc.choke == expected)
        #expect(rpc.control == nil)
        #expect(GossipRPC(choke: expected).protobufBytes == Self.pythonEncoded)
    }

    @Test("entries beyond the control entry limit are refused, a missing topic is an error")
    func limits() {
        var limits = GossipRPCLimits.standard
        limits.controlEntryCountMax = 2
        #expect(throws: GossipRPCError.tooManyControlEntries(limit: 2)) {
            try GossipRPC(protobufBytes: Self.pythonEncoded, limits: limits)
        }
        // ChokeExtension { choke: ControlChoke {} }: the topic is required.
        #expect(throws: GossipRPCError.self) {
            try GossipRPC(protobufBytes: hex("fad3d4e607020a00"))
        }
    }

    @Test("a router that does not know the field skips it: an RPC with it decodes as without it")
    func emptyMessage() throws {
        let rpc = try GossipRPC(protobufBytes: hex("fad3d4e60700"))
        #expect(rpc.choke == GossipChokeMessage())
        #expect(rpc.choke?.isEmpty == true)
    }
}
