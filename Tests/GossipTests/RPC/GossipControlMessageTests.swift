import Gossip
import Identity
import TestSupport
import Testing

@Suite("GossipControlMessage codec")
struct GossipControlMessageTests {
    static func id(_ text: String) -> GossipMessageID { GossipMessageID(bytes: Array(text.utf8)) }

    @Test("all five kinds decode to what py-libp2p encoded")
    func allKinds() throws {
        let control = try #require(try GossipRPC(protobufBytes: GossipVectors.controlRPC).control)
        let author = try PeerID(GossipVectors.authorPeerID).bytes
        #expect(control.ihave == [
            GossipIHave(topic: GossipVectors.topic, messageIDs: [Self.id("id-1"), Self.id("id-2")]),
            GossipIHave(topic: "oln/tx", messageIDs: []),
        ])
        #expect(control.iwant == [GossipIWant(messageIDs: [Self.id("id-1"), GossipMessageID(bytes: Array(0..<48))])])
        #expect(control.graft == [GossipGraft(topic: GossipVectors.topic)])
        #expect(control.prune == [
            GossipPrune(topic: "oln/tx", peers: [
                GossipPeerInfo(peerID: author, signedPeerRecord: hex("0a03") + Array("env".utf8)),
                GossipPeerInfo(peerID: author),
            ], backoffSeconds: 60),
            GossipPrune(topic: GossipVectors.topic),
        ])
        #expect(control.idontwant == [GossipIDontWant(messageIDs: [Self.id("id-3")])])
    }

    @Test("control entries built here encode as py-libp2p encodes them")
    func encodesLikePy() throws {
        let decoded = try #require(try GossipRPC(protobufBytes: GossipVectors.controlRPC).control)
        let rebuilt = GossipControlMessage(
            ihave: decoded.ihave, iwant: decoded.iwant, graft: decoded.graft,
            prune: decoded.prune, idontwant: decoded.idontwant
        )
        #expect(GossipRPC(control: rebuilt).protobufBytes == GossipVectors.controlRPC)
    }

    @Test("entry, message id and prune peer limits are enforced")
    func limits() {
        var limits = GossipRPCLimits.standard
        limits.controlEntryCountMax = 6
        #expect(throws: GossipRPCError.tooManyControlEntries(limit: 6)) {
            try GossipRPC(protobufBytes: GossipVectors.controlRPC, limits: limits)
        }
        limits = .standard
        limits.messageIDCountMax = 1
        #expect(throws: GossipRPCError.tooManyMessageIDs(limit: 1)) {
            try GossipRPC(protobufBytes: GossipVectors.controlRPC, limits: limits)
        }
        limits = .standard
        limits.messageIDByteCountMax = 47
        #expect(throws: GossipRPCError.messageIDTooLong(byteCount: 48, limit: 47)) {
            try GossipRPC(protobufBytes: GossipVectors.controlRPC, limits: limits)
        }
        limits = .standard
        limits.prunePeerCountMax = 1
        #expect(throws: GossipRPCError.tooManyPrunePeers(limit: 1)) {
            try GossipRPC(protobufBytes: GossipVectors.controlRPC, limits: limits)
        }
        limits.prunePeerCountMax = 2
        limits.controlEntryCountMax = 7
        limits.messageIDCountMax = 2
        limits.messageIDByteCountMax = 48
        #expect((try? GossipRPC(protobufBytes: GossipVectors.controlRPC, limits: limits)) != nil)
    }

    @Test("IHAVE, GRAFT and PRUNE need a topic", arguments: [
        (hex("1a02 0a00"), "ControlIHave"),
        (hex("1a02 1a00"), "ControlGraft"),
        (hex("1a04 2202 1801"), "ControlPrune"),
    ])
    func missingTopic(bytes: [UInt8], message: String) {
        #expect(throws: GossipRPCError.missingField(message: message, field: 1)) { try GossipRPC(protobufBytes: bytes) }
    }

    @Test("a PRUNE with two backoffs or a non-varint backoff is refused")
    func badBackoff() {
        #expect(throws: GossipRPCError.duplicateField(message: "ControlPrune", field: 3)) {
            try GossipRPC(protobufBytes: hex("1a09 2207 0a0174 1801 1802"))
        }
        #expect(throws: GossipRPCError.malformed(.wireTypeMismatch(field: 3, expected: .varint, actual: .lengthDelimited))) {
            try GossipRPC(protobufBytes: hex("1a07 2205 0a0174 1a00"))
        }
    }

    @Test("isEmpty is true only without entries")
    func isEmpty() {
        #expect(GossipControlMessage().isEmpty)
        #expect(!GossipControlMessage(graft: [GossipGraft(topic: "t")]).isEmpty)
    }
}
