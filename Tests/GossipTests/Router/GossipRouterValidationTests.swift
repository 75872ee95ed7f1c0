import Gossip
import Identity
import Testing

/// Asynchronous validation: messages held for the application's validator, bounded and
/// timed out, finished by `validationResult`.
@Suite("GossipRouter asynchronous validation")
struct GossipRouterValidationTests {
    static let topic = "t"

    /// A line 0 – 1 – 2 (plus 3 linked to 1), all in the mesh, scored with the
    /// batch profile (P3 on); node 1 validates asynchronously.
    static func network(configure: (inout GossipRouterConfiguration) -> Void = { _ in }) throws -> GossipRouterTestNetwork {
        var network = try GossipRouterTestNetwork(count: 4) { configuration in
            configuration.scoreParameters = .olnDefaults(topics: [Self.topic: .batches])
            configure(&configuration)
        }
        network.connect(0, 1)
        network.connect(1, 2)
        network.connect(3, 1)
        try network.formMesh(Self.topic)
        network.routers[1].setValidation(.asynchronous, for: Self.topic)
        return network
    }

    static func message(_ network: GossipRouterTestNetwork, author: Int, seqno: UInt64) -> GossipMessage {
        GossipMessage(data: [UInt8(seqno)], topic: topic).signed(by: network.keys[author], seqno: seqno)
    }

    /// The message waits, undelivered and unforwarded, until the validator accepts it;
    /// then it is delivered and forwarded.
    @Test func acceptedMessagesAreHeldThenDeliveredAndForwarded() throws {
        var network = try Self.network()
        let id = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.validationRequests[1].map(\.id) == [id])
        #expect(network.validationRequests[1].map(\.from) == [network.peer(0)])
        #expect(network.routers[1].pendingValidationCount == 1)
        #expect(network.deliveries[1].isEmpty && network.deliveries[2].isEmpty)
        #expect(network.messages(from: 1, to: 2).isEmpty)
        network.finishValidation(1, id, .accept)
        try network.run()
        #expect(network.deliveries[1] == [id] && network.deliveries[2] == [id])
        #expect(network.routers[1].pendingValidationCount == 0)
        #expect(network.routers[1].statistics.asynchronousValidations == 1)
        #expect(network.routers[1].score.counters(of: network.peer(0), topic: Self.topic)?.firstMessageDeliveries == 1)
    }

    /// Rejected: not delivered or forwarded, and the source earns an invalid delivery (P4).
    /// Ignored: dropped without penalty.
    @Test func rejectionsPenaliseAndIgnoresDoNot() throws {
        var network = try Self.network()
        let rejected = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        let ignored = try network.publish(0, [2], topic: Self.topic, seqno: 2)
        try network.run()
        network.finishValidation(1, ignored, .ignore)
        #expect(network.routers[1].score.counters(of: network.peer(0), topic: Self.topic)?.invalidMessageDeliveries == 0)
        network.finishValidation(1, rejected, .reject)
        try network.run()
        #expect(network.deliveries[1].isEmpty && network.deliveries[2].isEmpty)
        #expect(network.messages(from: 1, to: 2).isEmpty)
        #expect(network.routers[1].statistics.rejectedMessages == 1)
        #expect(network.routers[1].statistics.ignoredMessages == 1)
        #expect(network.routers[1].score.counters(of: network.peer(0), topic: Self.topic)?.invalidMessageDeliveries == 1)
        #expect(network.routers[1].score.score(of: network.peer(0)) < 0)
    }

    /// A copy from another mesh peer while the message is held is not validated again;
    /// once accepted, that peer earns a mesh delivery (P3) as a near-first sender; once
    /// rejected, an invalid delivery (P4).
    @Test func duplicatesWhilePendingAreNotValidatedAgainButCount() throws {
        for result in [GossipValidationResult.accept, .reject] {
            var network = try Self.network()
            let message = Self.message(network, author: 0, seqno: 1)
            network.inject(GossipRPC(messages: [message]), from: 0, to: 1)
            network.inject(GossipRPC(messages: [message]), from: 3, to: 1)
            network.inject(GossipRPC(messages: [message]), from: 3, to: 1)
            #expect(network.validationRequests[1].count == 1)
            #expect(network.routers[1].statistics.duplicatesDuringValidation == 2)
            let id = try #require(network.validationRequests[1].first?.id)
            network.finishValidation(1, id, result)
            let counters = try #require(network.routers[1].score.counters(of: network.peer(3), topic: Self.topic))
            if result == .accept {
                #expect(counters.meshMessageDeliveries == 1 && counters.invalidMessageDeliveries == 0)
                #expect(network.deliveries[1] == [id])
                #expect(network.messages(from: 1, to: 3).isEmpty, "3 sent it, so it is not sent back")
            } else {
                #expect(counters.meshMessageDeliveries == 0 && counters.invalidMessageDeliveries == 1)
            }
        }
    }

    /// Beyond `validationCountMax` held messages, new ones are dropped, counted and not
    /// marked seen: a later copy is validated once there is room.
    @Test func aFullValidationTableDropsAndCounts() throws {
        var network = try Self.network { $0.validationCountMax = 2 }
        let messages = (1...3).map { Self.message(network, author: 0, seqno: UInt64($0)) }
        network.inject(GossipRPC(messages: messages), from: 0, to: 1)
        #expect(network.validationRequests[1].count == 2)
        #expect(network.routers[1].statistics.validationQueueFull == 1)
        network.finishValidation(1, network.validationRequests[1][0].id, .accept)
        network.inject(GossipRPC(messages: [messages[2]]), from: 0, to: 1)
        #expect(network.validationRequests[1].count == 2)
        #expect(network.routers[1].statistics.asynchronousValidations == 3)
        #expect(network.routers[1].score.counters(of: network.peer(0), topic: Self.topic)?.invalidMessageDeliveries == 0)
    }

    /// A validation that outlives `validationTimeout` is dropped at the next heartbeat,
    /// counted, without penalty; a result that comes after is counted and ignored.
    @Test func slowValidationsTimeOut() throws {
        var network = try Self.network { $0.validationTimeout = .seconds(2) }
        let id = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        try network.run()
        network.now += .seconds(1)
        network.heartbeat([1])
        #expect(network.routers[1].pendingValidationCount == 1)
        network.now += .seconds(1)
        network.heartbeat([1])
        #expect(network.routers[1].pendingValidationCount == 0)
        #expect(network.routers[1].statistics.validationTimeouts == 1)
        network.finishValidation(1, id, .accept)
        try network.run()
        #expect(network.routers[1].statistics.validationResultsUnknown == 1)
        #expect(network.deliveries[1].isEmpty && network.deliveries[2].isEmpty)
        #expect(network.routers[1].score.counters(of: network.peer(0), topic: Self.topic)?.invalidMessageDeliveries == 0)
        network.inject(GossipRPC(messages: [Self.message(network, author: 0, seqno: 1)]), from: 0, to: 1)
        #expect(network.validationRequests[1].isEmpty, "still in the seen cache: never validated twice")
    }

    /// A held message stays a duplicate even when the seen cache forgets it first.
    @Test func aHeldMessageOutlivingTheSeenCacheIsNotValidatedTwice() throws {
        var network = try Self.network { $0.seenTimeToLive = .seconds(1) }
        let message = Self.message(network, author: 0, seqno: 1)
        network.inject(GossipRPC(messages: [message]), from: 0, to: 1)
        network.now += .seconds(2)
        network.heartbeat([1])
        network.inject(GossipRPC(messages: [message]), from: 3, to: 1)
        #expect(network.validationRequests[1].count == 1)
        #expect(network.routers[1].statistics.duplicatesDuringValidation == 1)
    }

    /// Switching a topic back to a synchronous validator applies to new messages.
    @Test func synchronousValidatorsStillWork() throws {
        var network = try Self.network()
        network.routers[1].setValidator({ $0.data == [0] ? .reject : .accept }, for: Self.topic)
        let accepted = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        _ = try network.publish(0, [0], topic: Self.topic, seqno: 2)
        try network.run()
        #expect(network.validationRequests[1].isEmpty)
        #expect(network.deliveries[1] == [accepted] && network.deliveries[2] == [accepted])
        #expect(network.routers[1].statistics.rejectedMessages == 1)
    }

    /// Verdicts handed over together act as one by one would, in order, and the forwards
    /// they cause leave in one RPC per peer; an unknown id among them is counted.
    @Test func verdictsTogetherLeaveInOneRPCPerPeer() throws {
        var network = try Self.network()
        let first = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        let rejected = try network.publish(0, [2], topic: Self.topic, seqno: 2)
        let third = try network.publish(0, [3], topic: Self.topic, seqno: 3)
        try network.run()
        #expect(network.validationRequests[1].map(\.id) == [first, rejected, third])
        let unknown = GossipMessageID(bytes: Array("unknown".utf8))
        let sentBefore = network.sent.count
        network.validationRequests[1].removeAll()
        network.take(network.routers[1].validationResults(
            [(.accept, first), (.reject, rejected), (.accept, third), (.accept, unknown)], now: network.now), from: 1)
        let rpcsToTwo = network.sent[sentBefore...].filter { $0.from == 1 && $0.to == 2 && !$0.rpc.messages.isEmpty }
        #expect(rpcsToTwo.count == 1 && rpcsToTwo.first?.rpc.messages.count == 2)
        try network.run()
        #expect(network.deliveries[1] == [first, third] && network.deliveries[2] == [first, third])
        #expect(network.routers[1].pendingValidationCount == 0)
        #expect(network.routers[1].statistics.rejectedMessages == 1)
        #expect(network.routers[1].statistics.validationResultsUnknown == 1)
        #expect(network.routers[1].score.counters(of: network.peer(0), topic: Self.topic)?.invalidMessageDeliveries == 1)
    }
}
