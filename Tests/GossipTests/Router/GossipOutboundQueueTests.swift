import Gossip
import Identity
import Testing

/// The router's outbound queues, seen from outside: node 0 has peers 1 and 2 in its mesh
/// and meters peer 2 (`peerWritable`), so what it queues for 2 stays until room is given.
@Suite("GossipRouter outbound queues")
struct GossipOutboundQueueTests {
    static let topic = "q"

    /// Router 0 with peers 1 and 2 subscribed and grafted, peer 2 metered with no room.
    struct Setup {
        var router: GossipRouter
        let keys: [IdentityKey]
        var now: Duration = .seconds(1)

        init(configure: (inout GossipRouterConfiguration) -> Void = { _ in }) throws {
            keys = try (0..<3).map(GossipRouterTestNetwork.key)
            var configuration = GossipRouterConfiguration()
            configuration.idontwantThreshold = 0
            configure(&configuration)
            router = GossipRouter(localPeer: keys[0].peerID, identity: keys[0], configuration: configuration, seed: 1)
            for index in 1...2 {
                _ = router.addPeer(peer(index), version: .v1_2, outbound: true, now: now)
                _ = router.receive(GossipRPC(subscriptions: [GossipSubscription(subscribe: true, topic: GossipOutboundQueueTests.topic)]),
                                   from: peer(index), now: now)
            }
            _ = router.subscribe(GossipOutboundQueueTests.topic, now: now)
            _ = router.peerWritable(peer(2), byteCount: 0, now: now)
        }

        func peer(_ index: Int) -> PeerID { keys[index].peerID }

        /// A message by node 1 with sequence number `seqno`.
        func message(_ seqno: UInt64, byteCount: Int = 32) -> GossipMessage {
            GossipMessage(data: [UInt8](repeating: UInt8(truncatingIfNeeded: seqno), count: byteCount), topic: GossipOutboundQueueTests.topic)
                .signed(by: keys[1], seqno: seqno)
        }

        /// Node 1 sends message `seqno`; node 0 delivers it and queues a forward for 2.
        mutating func receiveFromOne(_ seqno: UInt64, byteCount: Int = 32) -> [GossipRouterAction] {
            router.receive(GossipRPC(messages: [message(seqno, byteCount: byteCount)]), from: peer(1), now: now)
        }

        /// The RPCs sent to peer 2 among `actions`.
        func rpcsToTwo(_ actions: [GossipRouterAction]) -> [GossipRPC] {
            actions.compactMap { if case .send(let to, let rpc) = $0, to == peer(2) { rpc } else { nil } }
        }
    }

    static func id(_ message: GossipMessage) -> GossipMessageID {
        GossipMessageIDFunction.authorAndSequence.messageID(for: message)
    }

    @Test("a metered peer gets nothing without room; an unmetered one gets everything at once")
    func meteredPeerWaits() throws {
        var setup = try Setup()
        let actions = setup.receiveFromOne(1)
        #expect(setup.rpcsToTwo(actions).isEmpty)
        #expect(setup.router.queuedMessageCount(for: setup.peer(2)) == 1)
        #expect(setup.router.queuedMessageCount(for: setup.peer(1)) == 0, "peer 1 is unmetered")
        let sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 4096, now: setup.now))
        #expect(sent.flatMap(\.messages) == [setup.message(1)])
        #expect(setup.router.queuedMessageCount(for: setup.peer(2)) == 0)
        #expect(setup.router.statistics.messagesSent == 1)
    }

    @Test("control and our own messages leave before forwards, in a separate RPC")
    func urgentBeforeForwards() throws {
        var setup = try Setup()
        _ = setup.receiveFromOne(1)
        let (ownID, _) = try setup.router.publish([9, 9], topic: Self.topic, seqno: 5, now: setup.now)
        let sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 1 << 20, now: setup.now))
        #expect(sent.count == 2)
        let urgent = try #require(sent.first)
        #expect(urgent.control?.idontwant.flatMap(\.messageIDs) == [Self.id(setup.message(1))])
        #expect(urgent.messages.map(Self.id) == [ownID])
        #expect(sent.last?.messages == [setup.message(1)])
        #expect(sent.last?.control == nil)
    }

    @Test("room is spent RPC by RPC: one byte lets exactly one RPC out, 2 KiB two of 600 bytes")
    func roomIsSpent() throws {
        var setup = try Setup { $0.idontwantThreshold = 1 << 30 }
        for seqno in 1...4 { _ = setup.receiveFromOne(UInt64(seqno), byteCount: 600) }
        var sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 1, now: setup.now))
        #expect(sent.flatMap(\.messages) == [setup.message(1, byteCount: 600)])
        sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 1, now: setup.now))
        #expect(sent.flatMap(\.messages) == [setup.message(2, byteCount: 600)])
        sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 2048, now: setup.now))
        #expect(sent.count == 1)
        #expect(sent.flatMap(\.messages) == [setup.message(3, byteCount: 600), setup.message(4, byteCount: 600)])
    }

    @Test("an IDONTWANT from the peer cancels a queued forward, and is counted")
    func idontwantCancelsQueuedForward() throws {
        var setup = try Setup()
        _ = setup.receiveFromOne(1)
        let unwanted = GossipIDontWant(messageIDs: [Self.id(setup.message(1))])
        _ = setup.router.receive(GossipRPC(control: GossipControlMessage(idontwant: [unwanted])), from: setup.peer(2), now: setup.now)
        let sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 4096, now: setup.now))
        #expect(sent.flatMap(\.messages).isEmpty)
        #expect(setup.router.statistics.outboundMessagesCancelled == 1)
        #expect(setup.router.statistics.messagesSent == 0)
    }

    @Test("a queued copy of a message the peer sent us meanwhile is not sent")
    func receivedCopyCancelsQueuedForward() throws {
        var setup = try Setup()
        _ = setup.receiveFromOne(1)
        _ = setup.router.receive(GossipRPC(messages: [setup.message(1)]), from: setup.peer(2), now: setup.now)
        let sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 4096, now: setup.now))
        #expect(sent.flatMap(\.messages).isEmpty)
        #expect(setup.router.statistics.outboundMessagesCancelled == 1)
        #expect(setup.router.statistics.duplicateMessages == 1)
    }

    @Test("a forward older than the age limit is dropped, when room comes or at the heartbeat")
    func staleForwardsAreDropped() throws {
        var setup = try Setup { $0.outboundForwardAgeMax = .milliseconds(500) }
        _ = setup.receiveFromOne(1)
        setup.now += .milliseconds(400)
        _ = setup.receiveFromOne(2)
        setup.now += .milliseconds(200)
        let sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 1 << 20, now: setup.now))
        #expect(sent.flatMap(\.messages) == [setup.message(2)])
        #expect(setup.router.statistics.outboundMessagesStale == 1)

        _ = setup.router.peerWritable(setup.peer(2), byteCount: 0, now: setup.now)
        _ = setup.receiveFromOne(3)
        setup.now += .seconds(1)
        _ = setup.router.heartbeat(now: setup.now)
        #expect(setup.router.queuedMessageCount(for: setup.peer(2)) == 0)
        #expect(setup.router.statistics.outboundMessagesStale == 2)
    }

    @Test("our own messages wait longer: they outlive the forward age limit")
    func publishAgeLimit() throws {
        var setup = try Setup {
            $0.outboundForwardAgeMax = .milliseconds(100)
            $0.outboundPublishAgeMax = .seconds(2)
        }
        _ = try setup.router.publish([1], topic: Self.topic, seqno: 1, now: setup.now)
        setup.now += .seconds(1)
        var sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 4096, now: setup.now))
        #expect(sent.flatMap(\.messages).count == 1)
        _ = setup.router.peerWritable(setup.peer(2), byteCount: 0, now: setup.now)
        _ = try setup.router.publish([2], topic: Self.topic, seqno: 2, now: setup.now)
        setup.now += .seconds(3)
        sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 4096, now: setup.now))
        #expect(sent.flatMap(\.messages).isEmpty)
        #expect(setup.router.statistics.outboundMessagesStale == 1)
    }

    @Test("at the message cap the oldest forward goes; our own messages are kept")
    func capDropsOldestForwards() throws {
        var setup = try Setup { $0.outboundMessageCountMaxPerPeer = 2 }
        _ = setup.receiveFromOne(1)
        _ = setup.receiveFromOne(2)
        _ = setup.receiveFromOne(3)
        #expect(setup.router.statistics.outboundMessagesDropped == 1)
        let (ownID, _) = try setup.router.publish([7], topic: Self.topic, seqno: 9, now: setup.now)
        #expect(setup.router.statistics.outboundMessagesDropped == 2)
        _ = try setup.router.publish([8], topic: Self.topic, seqno: 10, now: setup.now)
        _ = try setup.router.publish([9], topic: Self.topic, seqno: 11, now: setup.now)
        #expect(setup.router.statistics.outboundMessagesDropped == 4, "the last forward, then our newest message")
        let sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 1 << 20, now: setup.now))
        let ids = sent.flatMap(\.messages).map(Self.id)
        #expect(ids.count == 2)
        #expect(ids.first == ownID)
    }

    @Test("the byte cap drops the oldest forwards too")
    func byteCapDropsOldestForwards() throws {
        var setup = try Setup { $0.outboundByteCountMaxPerPeer = $0.rpcLimits.rpcByteCountMax }
        let big = 400 << 10
        _ = setup.receiveFromOne(1, byteCount: big)
        _ = setup.receiveFromOne(2, byteCount: big)
        _ = setup.receiveFromOne(3, byteCount: big)
        #expect(setup.router.statistics.outboundMessagesDropped == 1)
        let sent = setup.rpcsToTwo(setup.router.peerWritable(setup.peer(2), byteCount: 1 << 22, now: setup.now))
        #expect(sent.flatMap(\.messages) == [setup.message(2, byteCount: big), setup.message(3, byteCount: big)])
    }

    @Test("control entries over the cap are refused; what a removed peer still had queued is counted")
    func controlCapAndRemoval() throws {
        var setup = try Setup { $0.outboundControlEntryCountMaxPerPeer = 2 }
        for seqno in 1...3 { _ = setup.receiveFromOne(UInt64(seqno)) }
        #expect(setup.router.statistics.outboundControlEntriesDropped == 1, "three IDONTWANTs, room for two")
        setup.router.removePeer(setup.peer(2), now: setup.now)
        #expect(setup.router.statistics.outboundMessagesDroppedOnRemoval == 3)
        #expect(setup.router.statistics.outboundControlEntriesDroppedOnRemoval == 2)
        #expect(setup.router.queuedMessageCount(for: setup.peer(2)) == 0)
    }
}
