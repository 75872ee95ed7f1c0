import Gossip
import TestSupport
import Testing
import Wire

@Suite("GossipMessage codec")
struct GossipMessageTests {
    @Test("py-libp2p's unsigned message round-trips byte for byte")
    func unsignedRoundTrip() throws {
        let message = try GossipMessage(protobufBytes: GossipVectors.unsignedMessage)
        #expect(message == GossipMessage(data: Array("anonymous".utf8), topic: GossipVectors.topic))
        #expect(message.protobufBytes == GossipVectors.unsignedMessage)
    }

    @Test("the RSA-signed message round-trips byte for byte, key and all")
    func signedRoundTrip() throws {
        let message = try GossipMessage(protobufBytes: GossipVectors.rsaSignedMessage)
        #expect(message.key != nil && message.signature != nil)
        #expect(message.protobufBytes == GossipVectors.rsaSignedMessage)
    }

    @Test("present-but-empty fields stay present; absent ones stay absent")
    func presence() throws {
        let message = GossipMessage(from: [], data: [], seqno: nil, topic: "")
        #expect(message.protobufBytes == hex("0a00 1200 2200"))
        #expect(try GossipMessage(protobufBytes: message.protobufBytes) == message)
        #expect(try GossipMessage(protobufBytes: hex("2200")) == GossipMessage(data: nil, topic: ""))
    }

    @Test("a message without a topic is refused")
    func missingTopic() {
        #expect(throws: GossipRPCError.missingField(message: "Message", field: 4)) {
            try GossipMessage(protobufBytes: hex("1203616263"))
        }
    }

    @Test("a second topic (py-libp2p's repeated topicIDs) or a second data field is refused")
    func duplicates() {
        #expect(throws: GossipRPCError.duplicateField(message: "Message", field: 4)) {
            try GossipMessage(protobufBytes: hex("220161 220162"))
        }
        #expect(throws: GossipRPCError.duplicateField(message: "Message", field: 2)) {
            try GossipMessage(protobufBytes: hex("1200 220161 1200"))
        }
    }

    @Test("wrong wire types, truncation and invalid UTF-8 are malformed")
    func malformed() {
        #expect(throws: GossipRPCError.malformed(.wireTypeMismatch(field: 2, expected: .lengthDelimited, actual: .varint))) {
            try GossipMessage(protobufBytes: hex("1001 220161"))
        }
        #expect(throws: GossipRPCError.malformed(.truncated("5 bytes"))) {
            try GossipMessage(protobufBytes: hex("220561"))
        }
        #expect(throws: GossipRPCError.malformed(.invalidUTF8(field: 4))) {
            try GossipMessage(protobufBytes: hex("2202c328"))
        }
        #expect(throws: GossipRPCError.malformed(.invalidWireType(3))) {
            try GossipMessage(protobufBytes: hex("23"))
        }
    }

    @Test("data and topic limits are enforced")
    func limits() throws {
        var limits = GossipRPCLimits.standard
        limits.messageDataByteCountMax = 4
        limits.topicByteCountMax = 3
        #expect(throws: GossipRPCError.messageDataTooLarge(byteCount: 5, limit: 4)) {
            try GossipMessage(protobufBytes: hex("12050102030405 220161"), limits: limits)
        }
        #expect(throws: GossipRPCError.topicTooLong(byteCount: 4, limit: 3)) {
            try GossipMessage(protobufBytes: hex("220461626364"), limits: limits)
        }
        #expect(try GossipMessage(protobufBytes: hex("120401020304 2203616263"), limits: limits).topic == "abc")
    }
}
