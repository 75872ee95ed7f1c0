import Gossip
import Identity
import Testing
import TestSupport

/// Random and mutated RPCs from several peers, with heartbeats between them: the router
/// never traps, everything it sends decodes under the standard limits, and after every
/// heartbeat each mesh is at most D_hi.
@Suite("GossipRouter property")
struct GossipRouterPropertyTests {
    static let topics = ["a", "b", "c"]

    static func randomIDs(_ generator: inout SeededGenerator, known: [GossipMessageID]) -> [GossipMessageID] {
        (0..<Int(generator.next() % 4)).map { _ in
            if !known.isEmpty && generator.next() % 2 == 0 { return known[Int(generator.next() % UInt64(known.count))] }
            return GossipMessageID(bytes: generator.bytes(maximumCount: 48))
        }
    }

    static func randomRPC(
        _ generator: inout SeededGenerator, keys: [IdentityKey], known: [GossipMessageID], seqno: UInt64
    ) -> GossipRPC {
        let topic = { (generator: inout SeededGenerator) in topics[Int(generator.next() % 3)] }
        var rpc = GossipRPC()
        for _ in 0..<Int(generator.next() % 3) {
            rpc.subscriptions.append(GossipSubscription(subscribe: generator.next() % 4 != 0, topic: topic(&generator)))
        }
        for _ in 0..<Int(generator.next() % 3) {
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            var message = GossipMessage(data: generator.bytes(maximumCount: 2048), topic: topic(&generator))
                .signed(by: key, seqno: seqno &+ generator.next() % 3)
            if generator.next() % 5 == 0 { message.data = generator.bytes(maximumCount: 16) }
            rpc.messages.append(message)
        }
        var control = GossipControlMessage()
        control.ihave = (0..<Int(generator.next() % 3)).map { _ in
            GossipIHave(topic: topic(&generator), messageIDs: randomIDs(&generator, known: known))
        }
        control.iwant = (0..<Int(generator.next() % 2)).map { _ in GossipIWant(messageIDs: randomIDs(&generator, known: known)) }
        control.graft = (0..<Int(generator.next() % 2)).map { _ in GossipGraft(topic: topic(&generator)) }
        control.prune = (0..<Int(generator.next() % 2)).map { _ in
            GossipPrune(topic: topic(&generator), backoffSeconds: generator.next() % 2 == 0 ? generator.next() : nil)
        }
        control.idontwant = (0..<Int(generator.next() % 2)).map { _ in
            GossipIDontWant(messageIDs: randomIDs(&generator, known: known))
        }
        rpc.control = control.isEmpty ? nil : control
        return rpc
    }

    @Test func randomAndMutatedRPCsNeverTrap() throws {
        var generator = SeededGenerator.make(for: "GossipRouterPropertyTests.randomAndMutatedRPCsNeverTrap")
        var network = try GossipRouterTestNetwork(count: 8) { configuration in
            configuration.meshDegree = 3
            configuration.meshDegreeLow = 2
            configuration.meshDegreeHigh = 4
            configuration.meshDegreeScore = 2
            configuration.meshOutboundMin = 1
            configuration.scoreParameters = .olnDefaults(topics: ["a": .transactions, "b": .batches])
        }
        for peer in 1..<8 {
            network.connect(peer % 2 == 0 ? 0 : peer, peer % 2 == 0 ? peer : 0, version: peer % 3 == 0 ? .v1_1 : .v1_2)
        }
        network.subscribe(0, "a")
        network.subscribe(0, "b")
        var published: [GossipMessageID] = []
        for round in 0..<400 {
            let known = published + network.deliveries[0]
            let sender = 1 + Int(generator.next() % 7)
            var rpc = Self.randomRPC(&generator, keys: network.keys, known: known, seqno: UInt64(round))
            if generator.next() % 3 == 0, let mutated = try? GossipRPC(protobufBytes: generator.mutate(rpc.protobufBytes)) {
                rpc = mutated
            }
            network.inject(rpc, from: sender, to: 0)
            if round % 25 == 0, let (id, _) = try? network.routers[0].publish(
                generator.bytes(maximumCount: 64), topic: Self.topics[round % 3], seqno: UInt64(round), now: network.now) {
                published.append(id)
            }
            if round % 10 == 0 {
                network.now += .seconds(1)
                network.heartbeat([0])
                for topic in network.routers[0].subscribedTopics {
                    #expect(network.routers[0].meshPeers(of: topic).count <= network.routers[0].configuration.meshDegreeHigh)
                }
            }
        }
        for sent in network.sent where sent.from == 0 {
            #expect(throws: Never.self) { try GossipRPC(protobufBytes: sent.rpc.protobufBytes) }
        }
        #expect(network.routers[0].statistics.messagesReceived > 0)
    }
}
