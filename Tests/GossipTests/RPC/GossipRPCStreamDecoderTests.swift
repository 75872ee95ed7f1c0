import Gossip
import Identity
import Sodium
import TestSupport
import Testing
import Wire

@Suite("GossipRPCStreamDecoder")
struct GossipRPCStreamDecoderTests {
    static let rpcs = [GossipVectors.subscriptionsRPC, GossipVectors.controlRPC, GossipVectors.fullRPC]

    @Test("frames split at every byte come out whole and in order")
    func byteByByte() throws {
        let stream = Self.rpcs.flatMap { VarintFrameDecoder.frame($0) }
        var decoder = GossipRPCStreamDecoder()
        var decoded: [GossipRPC] = []
        for byte in stream {
            decoded += try decoder.append([byte])
        }
        #expect(decoded.map(\.protobufBytes) == Self.rpcs)
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test("several frames in one read, framedBytes included")
    func batched() throws {
        let rpc = try GossipRPC(protobufBytes: GossipVectors.controlRPC)
        var decoder = GossipRPCStreamDecoder()
        #expect(try decoder.append(rpc.framedBytes + rpc.framedBytes + [0x05]) == [rpc, rpc])
        #expect(decoder.bufferedByteCount == 1)
    }

    @Test("an announced frame over the limit is refused before it arrives")
    func oversized() {
        var limits = GossipRPCLimits.standard
        limits.rpcByteCountMax = 100
        var decoder = GossipRPCStreamDecoder(limits: limits)
        #expect(throws: GossipRPCError.rpcTooLarge(limit: 100)) { try decoder.append(Varint.encode(101)) }
    }

    @Test("a bad RPC inside a frame throws its own error")
    func badFrame() {
        var decoder = GossipRPCStreamDecoder()
        #expect(throws: GossipRPCError.duplicateField(message: "RPC", field: 3)) {
            try decoder.append(VarintFrameDecoder.frame(hex("1a00 1a00")))
        }
    }
}

@Suite("Two peers exchanging pubsub RPCs")
struct GossipTwoPartyTests {
    @Test("a publisher's signed message reaches a subscriber, who asks for an announced one by id")
    func publishAndAsk() throws {
        let publisher = try IdentityKey(privateKey: Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32)))
        let first = GossipMessage(data: Array("one".utf8), topic: "t").signed(by: publisher, seqno: 1)
        let second = GossipMessage(data: Array("two".utf8), topic: "t").signed(by: publisher, seqno: 2)
        let idFunction = GossipMessageIDFunction.authorAndSequence
        let announce = GossipRPC(
            subscriptions: [GossipSubscription(subscribe: true, topic: "t")],
            messages: [first],
            control: GossipControlMessage(ihave: [GossipIHave(topic: "t", messageIDs: [idFunction.messageID(for: second)])])
        )
        var subscriberInbound = GossipRPCStreamDecoder()
        let received = try subscriberInbound.append(announce.framedBytes)
        #expect(received == [announce])
        #expect(try received[0].messages[0].verify(policy: .strictSign) == publisher.peerID)
        let wanted = try #require(received[0].control?.ihave.first?.messageIDs)
        let request = GossipRPC(control: GossipControlMessage(iwant: [GossipIWant(messageIDs: wanted)]))

        var publisherInbound = GossipRPCStreamDecoder()
        let asked = try publisherInbound.append(request.framedBytes)
        let askedIDs = try #require(asked.first?.control?.iwant.first?.messageIDs)
        let reply = GossipRPC(messages: [first, second].filter { askedIDs.contains(idFunction.messageID(for: $0)) })
        let delivered = try subscriberInbound.append(reply.framedBytes)
        #expect(delivered.first?.messages == [second])
        #expect(try delivered.first?.messages.first?.verify(policy: .strictSign) == publisher.peerID)
    }
}
