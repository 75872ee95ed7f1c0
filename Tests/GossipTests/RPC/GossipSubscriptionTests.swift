import Gossip
import TestSupport
import Testing

@Suite("GossipSubscription codec")
struct GossipSubscriptionTests {
    @Test("both fields are always written, subscribe first")
    func encoding() {
        #expect(GossipRPC(subscriptions: [GossipSubscription(subscribe: false, topic: "t")]).protobufBytes
            == hex("0a05 0800 120174"))
    }

    @Test("an absent subscribe reads as unsubscribe")
    func absentSubscribe() throws {
        #expect(try GossipRPC(protobufBytes: hex("0a03 120174")).subscriptions == [GossipSubscription(subscribe: false, topic: "t")])
    }

    @Test("a subscription without a topic, with a duplicate field or a non-bool subscribe is refused")
    func refused() {
        #expect(throws: GossipRPCError.missingField(message: "SubOpts", field: 2)) {
            try GossipRPC(protobufBytes: hex("0a02 0801"))
        }
        #expect(throws: GossipRPCError.duplicateField(message: "SubOpts", field: 1)) {
            try GossipRPC(protobufBytes: hex("0a07 0801 120174 0801"))
        }
        #expect(throws: GossipRPCError.malformed(.valueOutOfRange("field 1 holds 2, but a bool must be 0 or 1"))) {
            try GossipRPC(protobufBytes: hex("0a05 0802 120174"))
        }
    }
}
