import Identity
import Sodium
import Testing
@testable import Gossip

@Suite("GossipChokeTracker")
struct GossipChokeTrackerTests {
    static let topic = "t"
    static let peers: [PeerID] = (0..<5).map { index in
        let seed = [UInt8](repeating: UInt8(index + 1), count: 32)
        return IdentityKey(privateKey: try! Ed25519PrivateKey(seed: seed)).peerID
    }

    static func tracker(unchoked: Int = 2, changes: Int = 16) -> GossipChokeTracker {
        GossipChokeTracker(parameters: .init(
            unchokedCount: unchoked, sampleCountMin: 2, latenessWeight: 0.5, unchokeMargin: .milliseconds(10),
            silentLateness: .milliseconds(500), messageCountMax: 64, sampleWindow: .seconds(2),
            changeCountMaxPerHeartbeat: changes))
    }

    struct Decision: Equatable {
        var choke: [PeerID]
        var unchoke: [PeerID]
    }

    static func decided(_ tracker: inout GossipChokeTracker, _ peers: [PeerID]) -> Decision {
        let (choke, unchoke) = tracker.decide(topic: topic, meshPeers: peers, now: .zero)
        return Decision(choke: choke, unchoke: unchoke)
    }

    static func id(_ number: Int) -> GossipMessageID { GossipMessageID(bytes: [UInt8(number)]) }

    /// A tracker that measured two messages from every peer and decided at 3 s: peers 0 and
    /// 1 (the fastest) unchoked, 2 – 4 choked.
    static func settledTracker() -> GossipChokeTracker {
        var tracker = Self.tracker()
        Self.deliverAll(&tracker, message: 1, start: .seconds(1))
        Self.deliverAll(&tracker, message: 2, start: .seconds(2))
        _ = tracker.decide(topic: Self.topic, meshPeers: Self.peers, now: .seconds(3))
        return tracker
    }

    /// Message `number` delivered by every peer, peer i `i × 10` ms after the first.
    static func deliverAll(_ tracker: inout GossipChokeTracker, message number: Int, start: Duration) {
        for (index, peer) in peers.enumerated() {
            let now = start + .milliseconds(10 * index)
            let lateness = tracker.hear(id(number), now: now)!
            tracker.addDelivery(of: id(number), from: peer, topic: topic, lateness: lateness, isFirst: index == 0)
        }
    }

    @Test("the fastest mesh peers stay unchoked, the slower are choked, unmeasured ones are left alone")
    func keepsFastest() {
        var tracker = Self.tracker()
        let value1 = Self.decided(&tracker, Self.peers)
        #expect(value1 == Self.Decision(choke: [], unchoke: []))
        Self.deliverAll(&tracker, message: 1, start: .seconds(1))
        let value2 = Self.decided(&tracker, Self.peers)
        #expect(value2 == Self.Decision(choke: [], unchoke: []), "one sample is not enough")
        Self.deliverAll(&tracker, message: 2, start: .seconds(2))
        let decision = tracker.decide(topic: Self.topic, meshPeers: Self.peers, now: .seconds(3))
        #expect(decision.choke == [Self.peers[4], Self.peers[3], Self.peers[2]])
        #expect(decision.unchoke.isEmpty)
        #expect(tracker.isChoked(Self.peers[4], topic: Self.topic) && !tracker.isChoked(Self.peers[0], topic: Self.topic))
        let value3 = Self.decided(&tracker, Self.peers)
        #expect(value3 == Self.Decision(choke: [], unchoke: []), "stable once decided")
    }

    @Test("a choked peer that delivers first through its announcements replaces the slowest unchoked one")
    func swapsFasterChokedPeer() {
        var tracker = Self.settledTracker()
        // Peer 4 (choked) now announces first each time; asked, it delivers, and its sample
        // is its announcement's lateness (zero); peer 1 (unchoked) delivers 40 ms late.
        for number in 3...6 {
            let start = Duration.seconds(number)
            let value4 = tracker.announce(Self.id(number), by: Self.peers[4], now: start, requestTimeout: .milliseconds(250))
            #expect(value4)
            let value5 = tracker.announce(Self.id(number), by: Self.peers[3], now: start + .milliseconds(1), requestTimeout: .milliseconds(250))
            #expect(!value5)
            let reply = tracker.hear(Self.id(number), now: start + .milliseconds(60))!
            tracker.addDelivery(of: Self.id(number), from: Self.peers[4], topic: Self.topic, lateness: reply, isFirst: true)
            let late = tracker.hear(Self.id(number), now: start + .milliseconds(40))!
            tracker.addDelivery(of: Self.id(number), from: Self.peers[1], topic: Self.topic, lateness: late, isFirst: false)
        }
        let decision = tracker.decide(topic: Self.topic, meshPeers: Self.peers, now: .seconds(3))
        #expect(decision.unchoke == [Self.peers[4]])
        #expect(decision.choke == [Self.peers[1]])
    }

    @Test("another announcer is asked once the request timeout has passed")
    func requestTimeout() {
        var tracker = Self.tracker()
        let value6 = tracker.announce(Self.id(1), by: Self.peers[0], now: .seconds(1), requestTimeout: .milliseconds(250))
        #expect(value6)
        let value7 = tracker.announce(Self.id(1), by: Self.peers[1], now: .seconds(1) + .milliseconds(249), requestTimeout: .milliseconds(250))
        #expect(!value7)
        let value8 = tracker.announce(Self.id(1), by: Self.peers[2], now: .seconds(1) + .milliseconds(250), requestTimeout: .milliseconds(250))
        #expect(value8)
    }

    @Test("an unchoked peer that delivers nothing while the topic has messages is choked; changes are rate-limited")
    func silentPeerAndBudget() {
        var tracker = Self.tracker(unchoked: 1, changes: 1)
        for number in 1...3 {
            let lateness = tracker.hear(Self.id(number), now: .seconds(number))!
            tracker.addDelivery(of: Self.id(number), from: Self.peers[0], topic: Self.topic, lateness: lateness, isFirst: true)
        }
        let pair = Array(Self.peers[0...1])
        tracker.heartbeat(topic: Self.topic, meshPeers: pair)
        tracker.heartbeat(topic: Self.topic, meshPeers: pair)
        // Peer 1 has two silent samples; peer 0 is measured and fast.
        let lateness = tracker.hear(Self.id(9), now: .seconds(9))!
        tracker.addDelivery(of: Self.id(9), from: Self.peers[0], topic: Self.topic, lateness: lateness, isFirst: true)
        tracker.heartbeat(topic: Self.topic, meshPeers: pair)
        let value9 = Self.decided(&tracker, pair)
        #expect(value9 == Self.Decision(choke: [Self.peers[1]], unchoke: []))
        let value10 = Self.decided(&tracker, Self.peers)
        #expect(value10 == Self.Decision(choke: [], unchoke: []), "budget spent this heartbeat")
    }

    @Test("leaving the mesh forgets the link: unchoked both ways, unmeasured")
    func forget() {
        var tracker = Self.tracker()
        tracker.setChoking(true, by: Self.peers[0], topic: Self.topic)
        #expect(tracker.isChoking(Self.peers[0], topic: Self.topic))
        tracker.forget(Self.peers[0], topic: Self.topic)
        #expect(!tracker.isChoking(Self.peers[0], topic: Self.topic))
        #expect(tracker.topics[Self.topic]?.links[Self.peers[0]] == nil)
    }

    @Test("copies later than the sample window are not measured")
    func sampleWindow() {
        var tracker = Self.tracker()
        let value11 = tracker.hear(Self.id(1), now: .seconds(1))
        #expect(value11 == .zero)
        let value12 = tracker.hear(Self.id(1), now: .seconds(2))
        #expect(value12 == .seconds(1))
        let value13 = tracker.hear(Self.id(1), now: .seconds(4))
        #expect(value13 == nil)
    }

    @Test("CHOKE is repeated to a choked peer that pushes a message it was not asked for, at most once an interval")
    func repeatsChoke() {
        var tracker = Self.settledTracker()
        let choked = Self.peers[4], interval = Duration.seconds(1)
        func repeats(_ peer: PeerID, _ number: Int, at now: Duration) -> Bool {
            tracker.repeatsChoke(of: peer, deliveringUnasked: Self.id(number), topic: Self.topic, now: now, interval: interval)
        }
        #expect(!repeats(choked, 3, at: .seconds(3) + .milliseconds(999)), "may have crossed the CHOKE")
        #expect(repeats(choked, 3, at: .seconds(4)))
        #expect(!repeats(choked, 4, at: .seconds(4) + .milliseconds(500)), "once an interval")
        #expect(!repeats(Self.peers[0], 4, at: .seconds(9)), "an unchoked peer may push")
        _ = tracker.announce(Self.id(5), by: choked, now: .seconds(9), requestTimeout: .milliseconds(250))
        #expect(!repeats(choked, 5, at: .seconds(9)), "it was asked for this one")
        #expect(repeats(choked, 6, at: .seconds(9)))
        tracker.forget(choked, topic: Self.topic)
        #expect(!repeats(choked, 7, at: .seconds(20)), "the link left the mesh")
    }

    @Test("a topic is unsettled while more measured peers are unchoked than kept, or fewer while some are choked")
    func unsettled() {
        var tracker = Self.tracker()
        #expect(!tracker.isUnsettled(topic: Self.topic), "nothing measured")
        Self.deliverAll(&tracker, message: 1, start: .seconds(1))
        #expect(tracker.isUnsettled(topic: Self.topic), "five unchoked, two kept")
        Self.deliverAll(&tracker, message: 2, start: .seconds(2))
        _ = tracker.decide(topic: Self.topic, meshPeers: Self.peers, now: .seconds(3))
        #expect(!tracker.isUnsettled(topic: Self.topic), "two unchoked, three choked")
        tracker.forget(Self.peers[0], topic: Self.topic)
        #expect(tracker.isUnsettled(topic: Self.topic), "one unchoked left, three choked")
    }
}
