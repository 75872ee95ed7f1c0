import Gossip
import Identity
import Testing

@Suite("GossipRouter")
struct GossipRouterTests {
    static let topic = "t"

    /// Two routers that subscribed after connecting: each grafted the other.
    @Test func subscribeAndGraftFormAMesh() throws {
        var network = try GossipRouterTestNetwork(count: 2)
        network.connect(0, 1)
        try network.run()
        network.subscribe(0, Self.topic)
        try network.run()
        network.subscribe(1, Self.topic)
        try network.run()
        #expect(network.routers[0].meshPeers(of: Self.topic) == [network.peer(1)])
        #expect(network.routers[1].meshPeers(of: Self.topic) == [network.peer(0)])
        #expect(network.routers[0].peers(subscribedTo: Self.topic) == [network.peer(1)])
        #expect(network.controls(from: 1, to: 0).flatMap(\.graft) == [GossipGraft(topic: Self.topic)])
    }

    /// Two routers already in the topic connect: each grafts the other as soon as its
    /// subscription arrives (the mesh is below D_lo), before any heartbeat, so a message
    /// forwarded right away reaches the new peer.
    @Test func aPeerJoiningAThinMeshIsGraftedAtOnce() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        for node in 0..<3 { network.subscribe(node, Self.topic) }
        network.connect(0, 1)
        network.connect(1, 2)
        try network.run()
        #expect(network.routers[1].meshPeers(of: Self.topic) == [network.peer(0), network.peer(2)])
        #expect(network.routers[2].meshPeers(of: Self.topic) == [network.peer(1)])
        let id = try network.publish(0, [4], topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.deliveries[2] == [id], "forwarded by 1 through the mesh it grafted without a heartbeat")
    }

    /// A message that reached no peer (1's mesh held only its source) is forwarded at 1's
    /// next heartbeat to a peer that joined the mesh since, once, and not back to its source.
    @Test func aMessageThatReachedNoPeerIsForwardedOnceTheMeshFills() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        for node in 0..<2 { network.subscribe(node, Self.topic) }
        network.connect(0, 1)
        network.connect(1, 2)
        try network.run()
        let id = try network.publish(0, [7], topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.deliveries[1] == [id])
        network.subscribe(2, Self.topic)
        try network.run()
        #expect(network.routers[1].meshPeers(of: Self.topic) == [network.peer(0), network.peer(2)])
        #expect(network.deliveries[2].isEmpty, "2 joined after the message was forwarded")
        network.heartbeat([1])
        try network.run()
        #expect(network.deliveries[2] == [id])
        #expect(network.routers[1].statistics.forwardedAfterMeshFilled == 1)
        #expect(network.messages(from: 1, to: 0).isEmpty, "never back to its source")
        network.heartbeat([1])
        try network.run()
        #expect(network.messages(from: 1, to: 2).count == 1, "forwarded again once only")
    }

    /// A line 0 – 1 – 2: a message published at 0 reaches 2 through 1's forwarding.
    @Test func publishReachesSubscribersThroughTheMesh() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(0, 1)
        network.connect(1, 2)
        try network.formMesh(Self.topic)
        let id = try network.publish(0, Array("hello".utf8), topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.deliveries[0].isEmpty)
        #expect(network.deliveries[1] == [id])
        #expect(network.deliveries[2] == [id])
        #expect(network.messages(from: 1, to: 2).count == 1)
        #expect(network.messages(from: 1, to: 0).isEmpty, "never back to the source and author")
        #expect(id.bytes == network.peer(0).bytes + [0, 0, 0, 0, 0, 0, 0, 1])
    }

    /// Messages published together leave in one RPC per peer, each with its own seqno, and
    /// are delivered as if published one by one; a duplicate among them is refused alone.
    @Test func messagesPublishedTogetherLeaveInOneRPC() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(0, 1)
        network.connect(1, 2)
        try network.formMesh(Self.topic)
        let sentBefore = network.sent.count
        let (results, actions) = network.routers[0].publish([[1], [2], [3]], topic: Self.topic, firstSeqno: 5,
                                                            now: network.now)
        network.take(actions, from: 0)
        let ids = try results.map { try $0.get() }
        #expect(ids.map(\.bytes) == (5...7).map { network.peer(0).bytes + [0, 0, 0, 0, 0, 0, 0, UInt8($0)] })
        let rpcs = network.sent[sentBefore...].filter { $0.from == 0 && $0.to == 1 }
        #expect(rpcs.count == 1 && rpcs.first?.rpc.messages.map(\.data) == [[1], [2], [3]])
        try network.run()
        #expect(network.deliveries[2] == ids)
        #expect(network.routers[0].statistics.messagesPublished == 3)
        // Ids are author and seqno here: seqno 7 was used, 8 was not.
        let (again, _) = network.routers[0].publish([[4], [9]], topic: Self.topic, firstSeqno: 7, now: network.now)
        #expect((try? again[1].get()) != nil)
        guard case .failure(.duplicate(let duplicate)) = again[0] else {
            Issue.record("a message published twice is refused")
            return
        }
        #expect(duplicate == ids[2])
    }

    /// A triangle: 1 and 2 each get the message twice, deliver it once and count the duplicate.
    @Test func duplicatesAreDeliveredOnce() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(0, 1)
        network.connect(1, 2)
        network.connect(0, 2)
        try network.formMesh(Self.topic)
        let id = try network.publish(0, [1, 2, 3], topic: Self.topic, seqno: 7)
        try network.run()
        #expect(network.deliveries[1] == [id])
        #expect(network.deliveries[2] == [id])
        let duplicates = network.routers[1].statistics.duplicateMessages + network.routers[2].statistics.duplicateMessages
        #expect(duplicates == 2)
        let message = try #require(network.messages(from: 0, to: 1).first)
        network.inject(GossipRPC(messages: [message, message]), from: 0, to: 1)
        #expect(network.deliveries[1] == [id])
        #expect(network.routers[1].statistics.duplicateMessages == 3)
    }

    /// The counters by topic: two topics over one triangle count their own messages, and a
    /// message in a topic nobody subscribed to adds no topic to the table.
    @Test func countersAreKeptByTopic() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(0, 1)
        network.connect(1, 2)
        network.connect(0, 2)
        try network.formMesh(Self.topic)
        try network.formMesh("u")
        network.routers[1].setValidator({ $0.data == [9] ? .reject : .accept }, for: "u")
        _ = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        _ = try network.publish(0, [2], topic: "u", seqno: 2)
        _ = try network.publish(0, [9], topic: "u", seqno: 3)
        try network.run()
        let publisher = network.routers[0].statistics.topics
        #expect(publisher[Self.topic]?.messagesPublished == 1)
        #expect(publisher["u"]?.messagesPublished == 2)
        #expect(publisher[Self.topic]?.messagesSent == 2)
        let middle = network.routers[1].statistics
        #expect(middle.topics[Self.topic]?.messagesDelivered == 1)
        #expect(middle.topics["u"]?.messagesDelivered == 1)
        #expect(middle.topics["u"]?.rejectedMessages == 1)
        #expect(middle.topics[Self.topic]?.rejectedMessages == 0)
        let received = middle.topics.values.reduce(0) { $0 + $1.messagesReceived }
        #expect(received == middle.messagesReceived)
        let duplicates = middle.topics.values.reduce(0) { $0 + $1.duplicateMessages }
        #expect(duplicates == middle.duplicateMessages)
        let stray = GossipMessage(data: [5], topic: "nobody").signed(by: network.keys[0], seqno: 4)
        network.inject(GossipRPC(messages: [stray]), from: 0, to: 1)
        #expect(network.routers[1].statistics.topics["nobody"] == nil)
        #expect(network.routers[1].statistics.messagesInUnsubscribedTopics == 1)
    }

    /// A message whose data was changed after signing is rejected, counted, and earns its
    /// sender an invalid delivery (P4), which makes the sender's score negative.
    @Test func invalidSignatureIsRejectedAndLowersTheScore() throws {
        var network = try GossipRouterTestNetwork(count: 2) { configuration in
            configuration.scoreParameters = .olnDefaults(topics: [Self.topic: .transactions])
        }
        network.connect(0, 1)
        try network.formMesh(Self.topic)
        var forged = GossipMessage(data: [1, 2, 3], topic: Self.topic).signed(by: network.keys[1], seqno: 1)
        forged.data = [1, 2, 4]
        network.inject(GossipRPC(messages: [forged]), from: 1, to: 0)
        #expect(network.deliveries[0].isEmpty)
        #expect(network.routers[0].statistics.invalidSignatureMessages == 1)
        #expect(network.routers[0].score.counters(of: network.peer(1), topic: Self.topic)?.invalidMessageDeliveries == 1)
        #expect(network.routers[0].score.score(of: network.peer(1)) < 0)
        #expect(network.messages(from: 0, to: 1).isEmpty, "an invalid message is not forwarded")
        // The genuine message with the same id is not shadowed by the forgery.
        let genuine = GossipMessage(data: [1, 2, 3], topic: Self.topic).signed(by: network.keys[1], seqno: 1)
        network.inject(GossipRPC(messages: [genuine]), from: 1, to: 0)
        #expect(network.deliveries[0].count == 1)
    }

    /// A validator's reject is counted and the message is neither delivered nor forwarded.
    @Test func validatorRejectDropsTheMessage() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(0, 1)
        network.connect(1, 2)
        try network.formMesh(Self.topic)
        network.routers[1].setValidator({ $0.data == [0] ? .reject : .accept }, for: Self.topic)
        _ = try network.publish(0, [0], topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.deliveries[1].isEmpty && network.deliveries[2].isEmpty)
        #expect(network.routers[1].statistics.rejectedMessages == 1)
    }

    /// A star around 0 with a mesh of one: the peer outside 0's mesh learns the message
    /// from IHAVE at the heartbeat, asks with IWANT and gets it.
    @Test func ihaveLeadsToIWantAndRetrieval() throws {
        var network = try GossipRouterTestNetwork(count: 3) { configuration in
            configuration.meshDegree = 1
            configuration.meshDegreeLow = 1
            configuration.meshDegreeHigh = 1
            configuration.meshDegreeScore = 1
            configuration.meshOutboundMin = 0
            configuration.floodPublish = false
        }
        network.connect(1, 0)
        network.connect(2, 0)
        try network.formMesh(Self.topic)
        let meshPeer = try #require(network.routers[0].meshPeers(of: Self.topic).first)
        let outsider = meshPeer == network.peer(1) ? 2 : 1
        let id = try network.publish(0, [9], topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.deliveries[outsider].isEmpty)
        network.now += .seconds(1)
        network.heartbeat([0])
        try network.run()
        #expect(network.controls(from: 0, to: outsider).flatMap(\.ihave) == [GossipIHave(topic: Self.topic, messageIDs: [id])])
        #expect(network.controls(from: outsider, to: 0).flatMap(\.iwant) == [GossipIWant(messageIDs: [id])])
        #expect(network.deliveries[outsider] == [id])
        #expect(network.routers[0].statistics.iwantMessagesServed == 1)
    }

    /// IWANT is served at most `gossipRetransmissionMax` times per peer and message.
    @Test func iwantRetransmissionIsLimited() throws {
        var network = try GossipRouterTestNetwork(count: 2)
        network.connect(0, 1)
        network.subscribe(0, Self.topic)
        try network.run()
        let id = try network.publish(0, [5], topic: Self.topic, seqno: 1)
        let iwant = GossipRPC(control: GossipControlMessage(iwant: [GossipIWant(messageIDs: [id])]))
        for _ in 0..<5 { network.inject(iwant, from: 1, to: 0) }
        #expect(network.routers[0].statistics.iwantMessagesServed == 3)
        #expect(network.routers[0].statistics.iwantRetransmissionsRefused == 2)
    }

    /// A GRAFT soon after the peer pruned us is answered with PRUNE and earns two
    /// behaviour penalties (back-off broken within the graft flood threshold).
    @Test func graftDuringBackoffGetsPrune() throws {
        var network = try GossipRouterTestNetwork(count: 2)
        network.connect(0, 1)
        try network.formMesh(Self.topic)
        network.inject(GossipRPC(control: GossipControlMessage(prune: [GossipPrune(topic: Self.topic, backoffSeconds: 60)])),
                       from: 1, to: 0)
        #expect(network.routers[0].meshPeers(of: Self.topic).isEmpty)
        network.now += .seconds(1)
        network.inject(GossipRPC(control: GossipControlMessage(graft: [GossipGraft(topic: Self.topic)])), from: 1, to: 0)
        #expect(network.routers[0].meshPeers(of: Self.topic).isEmpty)
        let prunes = network.controls(from: 0, to: 1).flatMap(\.prune)
        #expect(prunes.last == GossipPrune(topic: Self.topic, backoffSeconds: 60))
        #expect(network.routers[0].statistics.graftBackoffViolations == 1)
        #expect(network.routers[0].score.behaviourPenalty(of: network.peer(1)) == 2)
        // Our heartbeat does not graft a peer we back off from.
        network.now += .seconds(1)
        network.heartbeat([0])
        #expect(network.routers[0].meshPeers(of: Self.topic).isEmpty)
    }

    /// Node 1 relays from 0 to 2 (v1.2) and 3 (v1.1): for a large message it sends
    /// IDONTWANT to 2 only, and it does not forward to 2 once 2 said it does not want it.
    @Test func idontwantIsSentToV12PeersOnlyAndSuppressesForwarding() throws {
        var network = try GossipRouterTestNetwork(count: 4)
        network.connect(0, 1)
        network.connect(1, 2)
        network.connect(1, 3, version: .v1_1)
        try network.formMesh(Self.topic)
        #expect(network.routers[1].meshPeers(of: Self.topic).count == 3)
        let large = [UInt8](repeating: 7, count: 2048)
        let id = try network.publish(0, large, topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.controls(from: 1, to: 2).flatMap(\.idontwant) == [GossipIDontWant(messageIDs: [id])])
        #expect(network.controls(from: 1, to: 3).flatMap(\.idontwant).isEmpty)
        #expect(network.deliveries[3] == [id])

        let secondID = GossipMessageID(bytes: network.peer(0).bytes + [0, 0, 0, 0, 0, 0, 0, 2])
        network.inject(GossipRPC(control: GossipControlMessage(idontwant: [GossipIDontWant(messageIDs: [secondID])])),
                       from: 2, to: 1)
        let sentBefore = network.messages(from: 1, to: 2).count
        _ = try network.publish(0, large, topic: Self.topic, seqno: 2)
        try network.run()
        #expect(network.messages(from: 1, to: 2).count == sentBefore)
        #expect(network.routers[1].statistics.forwardsSuppressedByIDontWant == 1)
        #expect(network.deliveries[3].count == 2)
    }

    /// Small messages make no IDONTWANT.
    @Test func smallMessagesMakeNoIDontWant() throws {
        var network = try GossipRouterTestNetwork(count: 3)
        network.connect(0, 1)
        network.connect(1, 2)
        try network.formMesh(Self.topic)
        _ = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.routers[1].statistics.idontwantIDsSent == 0)
    }

    /// Unsubscribing prunes every mesh peer with the unsubscribe back-off (10 s).
    @Test func unsubscribePrunesTheMesh() throws {
        var network = try GossipRouterTestNetwork(count: 2)
        network.connect(0, 1)
        try network.formMesh(Self.topic)
        network.take(network.routers[0].unsubscribe(Self.topic, now: network.now), from: 0)
        try network.run()
        #expect(network.controls(from: 0, to: 1).flatMap(\.prune) == [GossipPrune(topic: Self.topic, backoffSeconds: 10)])
        #expect(network.routers[1].meshPeers(of: Self.topic).isEmpty)
        #expect(network.routers[1].peers(subscribedTo: Self.topic).isEmpty)
    }

    /// Without flood publish, a node outside the topic publishes to a fanout of subscribers,
    /// which it forgets after the fanout TTL.
    @Test func publishingOutsideTheTopicUsesAFanout() throws {
        var network = try GossipRouterTestNetwork(count: 3) { configuration in
            configuration.floodPublish = false
        }
        network.connect(0, 1)
        network.connect(0, 2)
        try network.formMesh(Self.topic, nodes: [1, 2])
        let id = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        try network.run()
        #expect(network.routers[0].fanoutPeers(of: Self.topic) == [network.peer(1), network.peer(2)])
        #expect(network.deliveries[1] == [id] && network.deliveries[2] == [id])
        network.now += network.routers[0].configuration.fanoutTimeToLive + .seconds(1)
        network.heartbeat([0])
        #expect(network.routers[0].fanoutPeers(of: Self.topic).isEmpty)
    }

    /// Below the gossip threshold (but above the graylist), a peer's IHAVE and IWANT are ignored.
    @Test func gossipFromPeersBelowTheGossipThresholdIsIgnored() throws {
        var network = try GossipRouterTestNetwork(count: 2)
        network.connect(1, 0)
        network.subscribe(0, Self.topic)
        let id = try network.publish(0, [1], topic: Self.topic, seqno: 1)
        let thresholds = network.routers[0].configuration.scoreThresholds
        network.routers[0].setApplicationScore((thresholds.gossipThreshold + thresholds.graylistThreshold) / 2,
                                               of: network.peer(1))
        let unseen = GossipMessageID(bytes: [1, 2, 3])
        network.sent = []
        network.inject(GossipRPC(control: GossipControlMessage(
            ihave: [GossipIHave(topic: Self.topic, messageIDs: [unseen])], iwant: [GossipIWant(messageIDs: [id])])),
            from: 1, to: 0)
        #expect(network.sent.isEmpty)
        #expect(network.routers[0].statistics.ihaveIgnored == 1)
        #expect(network.routers[0].statistics.iwantIgnored == 1)
    }
}
