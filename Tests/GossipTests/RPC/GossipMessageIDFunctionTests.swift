import Gossip
import TestSupport
import Testing

@Suite("GossipMessageIDFunction")
struct GossipMessageIDFunctionTests {
    @Test("the default id is from ‖ seqno, as go-libp2p-pubsub and py-libp2p compute it")
    func authorAndSequence() throws {
        let message = try #require(try GossipRPC(protobufBytes: GossipVectors.pySignedRPC).messages.first)
        let id = GossipMessageIDFunction.authorAndSequence.messageID(for: message)
        #expect(id.bytes == message.from! + hex("0102030405060708"))
        #expect(id.bytes.count == 38 + 8)
        #expect(GossipMessageIDFunction.authorAndSequence.messageID(for: GossipMessage(data: [1], topic: "t")).bytes == [])
    }

    @Test("the content id is BLAKE2b-256 of the data (digests from Python's hashlib)")
    func contentHash() throws {
        let message = GossipMessage(data: GossipVectors.data, topic: "a")
        #expect(GossipMessageIDFunction.contentHash.messageID(for: message).bytes
            == hex("b53e6c1b496e4c12d3e7db9480cfe2bfbc0444f19f3f97307a0e34070d34a19e"))
        var elsewhere = message
        elsewhere.topic = "b"
        elsewhere.from = [1, 2, 3]
        #expect(GossipMessageIDFunction.contentHash.messageID(for: elsewhere)
            == GossipMessageIDFunction.contentHash.messageID(for: message))
        #expect(GossipMessageIDFunction.contentHash.messageID(for: GossipMessage(data: nil, topic: "a")).bytes
            == hex("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"))
    }

    @Test("ids print as hexadecimal")
    func description() {
        #expect(GossipMessageID(bytes: [0x00, 0xab, 0x10]).description == "00ab10")
    }
}
