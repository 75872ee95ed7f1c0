import Gossip
import TestSupport
import Testing

@Suite("GossipRPC properties")
struct GossipRPCPropertyTests {
    static let seeds = [
        GossipVectors.subscriptionsRPC, GossipVectors.pySignedRPC, GossipVectors.controlRPC,
        GossipVectors.fullRPC, GossipVectors.unknownFieldsRPC,
    ]

    @Test("random and mutated bytes never trap; whatever decodes re-encodes to a fixed point")
    func randomInput() throws {
        var generator = SeededGenerator.make(for: "GossipRPC random input")
        var limits = GossipRPCLimits.standard
        limits.messageIDCountMax = 3
        limits.prunePeerCountMax = 1
        for round in 0..<4000 {
            let input = round.isMultiple(of: 4)
                ? generator.bytes(maximumCount: 64)
                : generator.mutate(Self.seeds[round % Self.seeds.count])
            guard let rpc = try? GossipRPC(protobufBytes: input, limits: limits) else { continue }
            let reencoded = try GossipRPC(protobufBytes: rpc.protobufBytes, limits: limits)
            #expect(reencoded == rpc)
            for message in rpc.messages {
                _ = try? message.verify(policy: .strictSign)
                _ = try? message.verify(policy: .strictNoSign)
            }
        }
    }

    @Test("random RPCs round-trip through encoding and decoding")
    func roundTrip() throws {
        var generator = SeededGenerator.make(for: "GossipRPC round trip")
        for _ in 0..<300 {
            let rpc = Self.randomRPC(using: &generator)
            #expect(try GossipRPC(protobufBytes: rpc.protobufBytes) == rpc)
            var stream = GossipRPCStreamDecoder()
            #expect(try stream.append(rpc.framedBytes) == [rpc])
        }
    }

    static func randomRPC(using generator: inout SeededGenerator) -> GossipRPC {
        let subscriptions = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            GossipSubscription(subscribe: Bool.random(using: &generator), topic: topic(using: &generator))
        }
        let messages = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            GossipMessage(
                from: optionalBytes(using: &generator), data: optionalBytes(using: &generator),
                seqno: optionalBytes(using: &generator), topic: topic(using: &generator),
                signature: optionalBytes(using: &generator), key: optionalBytes(using: &generator)
            )
        }
        let control: GossipControlMessage? = Bool.random(using: &generator) ? randomControl(using: &generator) : nil
        return GossipRPC(subscriptions: subscriptions, messages: messages, control: control)
    }

    static func randomControl(using generator: inout SeededGenerator) -> GossipControlMessage {
        GossipControlMessage(
            ihave: (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                GossipIHave(topic: topic(using: &generator), messageIDs: ids(using: &generator))
            },
            iwant: (0..<Int.random(in: 0...2, using: &generator)).map { _ in GossipIWant(messageIDs: ids(using: &generator)) },
            graft: (0..<Int.random(in: 0...2, using: &generator)).map { _ in GossipGraft(topic: topic(using: &generator)) },
            prune: (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                GossipPrune(
                    topic: topic(using: &generator),
                    peers: (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                        GossipPeerInfo(peerID: optionalBytes(using: &generator), signedPeerRecord: optionalBytes(using: &generator))
                    },
                    backoffSeconds: Bool.random(using: &generator) ? UInt64.random(in: 0...UInt64.max, using: &generator) : nil
                )
            },
            idontwant: (0..<Int.random(in: 0...2, using: &generator)).map { _ in GossipIDontWant(messageIDs: ids(using: &generator)) }
        )
    }

    static func topic(using generator: inout SeededGenerator) -> String {
        generator.text(from: "abc/-_0123ü", maximumCount: 12)
    }

    static func optionalBytes(using generator: inout SeededGenerator) -> [UInt8]? {
        Bool.random(using: &generator) ? generator.bytes(maximumCount: 40) : nil
    }

    static func ids(using generator: inout SeededGenerator) -> [GossipMessageID] {
        (0..<Int.random(in: 0...3, using: &generator)).map { _ in GossipMessageID(bytes: generator.bytes(maximumCount: 20)) }
    }
}
