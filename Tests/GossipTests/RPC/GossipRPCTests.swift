import Gossip
import Identity
import TestSupport
import Testing
import Wire

@Suite("GossipRPC codec")
struct GossipRPCTests {
    @Test("py-libp2p's RPCs decode and re-encode byte for byte", arguments: [
        ("subscriptions", GossipVectors.subscriptionsRPC),
        ("py-signed", GossipVectors.pySignedRPC),
        ("signed without key", GossipVectors.signedWithoutKeyRPC),
        ("control", GossipVectors.controlRPC),
        ("full", GossipVectors.fullRPC),
    ])
    func roundTrip(name: String, bytes: [UInt8]) throws {
        let rpc = try GossipRPC(protobufBytes: bytes)
        #expect(rpc.protobufBytes == bytes, "\(name)")
    }

    @Test("subscriptions decode to their values")
    func subscriptions() throws {
        let rpc = try GossipRPC(protobufBytes: GossipVectors.subscriptionsRPC)
        #expect(rpc.subscriptions == [
            GossipSubscription(subscribe: true, topic: GossipVectors.topic),
            GossipSubscription(subscribe: false, topic: "oln/tx"),
            GossipSubscription(subscribe: true, topic: "ünïcödé/topic"),
        ])
        #expect(rpc.messages.isEmpty && rpc.control == nil)
    }

    @Test("the full RPC carries what py-libp2p put in it")
    func fullContents() throws {
        let rpc = try GossipRPC(protobufBytes: GossipVectors.fullRPC)
        #expect(rpc.subscriptions.count == 3)
        #expect(rpc.messages.count == 2)
        #expect(try rpc.messages[0].verify(policy: .strictSign)?.description == GossipVectors.authorPeerID)
        #expect(try rpc.messages[1].verify(policy: .strictNoSign) == nil)
        #expect(rpc.control == (try GossipRPC(protobufBytes: GossipVectors.controlRPC)).control)
    }

    @Test("unknown fields in RPC, Message and ControlMessage are skipped")
    func unknownFields() throws {
        let rpc = try GossipRPC(protobufBytes: GossipVectors.unknownFieldsRPC)
        #expect(rpc.protobufBytes == GossipVectors.unknownFieldsReencoded)
        #expect(rpc.messages == [GossipMessage(data: Array("anonymous".utf8), topic: GossipVectors.topic)])
        #expect(rpc.control == GossipControlMessage(graft: [GossipGraft(topic: GossipVectors.topic)]))
    }

    @Test("an empty RPC and an empty control message encode as protobuf does")
    func empty() throws {
        #expect(GossipRPC().protobufBytes == [])
        #expect(try GossipRPC(protobufBytes: []) == GossipRPC())
        let emptyControl = GossipRPC(control: GossipControlMessage())
        #expect(emptyControl.protobufBytes == hex("1a00"))
        #expect(try GossipRPC(protobufBytes: hex("1a00")) == emptyControl)
    }

    @Test("framed bytes carry a uvarint length prefix")
    func framed() throws {
        let rpc = try GossipRPC(protobufBytes: GossipVectors.pySignedRPC)
        #expect(rpc.framedBytes == hex("c301") + GossipVectors.pySignedRPC)
    }

    @Test("a second control field is refused")
    func duplicateControl() {
        #expect(throws: GossipRPCError.duplicateField(message: "RPC", field: 3)) {
            try GossipRPC(protobufBytes: hex("1a00 1a00"))
        }
    }

    @Test("over-limit RPC size, subscription and message counts are refused")
    func countLimits() throws {
        var limits = GossipRPCLimits.standard
        limits.rpcByteCountMax = GossipVectors.fullRPC.count - 1
        #expect(throws: GossipRPCError.rpcTooLarge(limit: limits.rpcByteCountMax)) {
            try GossipRPC(protobufBytes: GossipVectors.fullRPC, limits: limits)
        }
        limits = .standard
        limits.subscriptionCountMax = 2
        #expect(throws: GossipRPCError.tooManySubscriptions(limit: 2)) {
            try GossipRPC(protobufBytes: GossipVectors.subscriptionsRPC, limits: limits)
        }
        limits = .standard
        limits.messageCountMax = 1
        #expect(throws: GossipRPCError.tooManyMessages(limit: 1)) {
            try GossipRPC(protobufBytes: GossipVectors.fullRPC, limits: limits)
        }
        limits.messageCountMax = 2
        #expect(try GossipRPC(protobufBytes: GossipVectors.fullRPC, limits: limits).messages.count == 2)
    }

    @Test("truncated RPCs are malformed, never trapped on")
    func truncated() {
        let bytes = GossipVectors.fullRPC
        for length in 1..<bytes.count {
            do {
                _ = try GossipRPC(protobufBytes: Array(bytes.prefix(length)))
            } catch .malformed {
                continue
            } catch {
                Issue.record("prefix of \(length) bytes threw \(error)")
            }
        }
    }

    @Test("wrong wire types are malformed")
    func wrongWireTypes() {
        #expect(throws: GossipRPCError.malformed(.wireTypeMismatch(field: 1, expected: .lengthDelimited, actual: .varint))) {
            try GossipRPC(protobufBytes: hex("0801"))
        }
        #expect(throws: GossipRPCError.malformed(.wireTypeMismatch(field: 1, expected: .varint, actual: .lengthDelimited))) {
            try GossipRPC(protobufBytes: hex("0a03 0a0178"))
        }
        #expect(throws: GossipRPCError.malformed(.wireTypeMismatch(field: 3, expected: .lengthDelimited, actual: .fixed32))) {
            try GossipRPC(protobufBytes: hex("1d00000000"))
        }
    }
}
