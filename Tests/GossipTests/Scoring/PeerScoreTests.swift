import Testing
import TestSupport
@testable import Gossip

/// Known-answer scenarios for the score function, one component at a time. Most mirror
/// go-libp2p-pubsub score_test.go (cited per test) with the arithmetic written out; time is
/// stepped by hand instead of go's synctest clock.
@Suite struct PeerScoreTests {
    typealias Score = PeerScore<String, Int>
    static let topic = "mytopic"

    /// A score with one topic and otherwise neutral global parameters.
    static func score(_ topicParameters: TopicScoreParameters, _ global: PeerScoreParameters = .init()) -> Score {
        var parameters = global
        parameters.topics[topic] = topicParameters
        return Score(parameters: parameters)
    }

    static func isClose(_ value: Double, _ expected: Double) -> Bool {
        abs(value - expected) <= 1e-9 * max(1, abs(expected))
    }

    // MARK: P1

    /// go TestScoreTimeInMesh: quantum 1 ms, 200 ms in mesh.
    @Test func timeInMesh() {
        var score = Self.score(TopicScoreParameters(
            topicWeight: 0.5, timeInMeshWeight: 1, timeInMeshQuantum: .milliseconds(1), timeInMeshCap: 3600))
        score.addPeer("A", addresses: [])
        #expect(score.score(of: "A") == 0)
        score.graft("A", topic: Self.topic, now: .zero)
        score.decay(now: .milliseconds(200))
        // P1 = min(200 ms / 1 ms, 3600) = 200; score = 200 × w1 1 × topicWeight 0.5 = 100.
        #expect(score.score(of: "A") == 100)
    }

    /// go TestScoreTimeInMeshCap: 40 quanta against a cap of 10.
    @Test func timeInMeshCap() {
        var score = Self.score(TopicScoreParameters(
            topicWeight: 0.5, timeInMeshWeight: 1, timeInMeshQuantum: .milliseconds(1), timeInMeshCap: 10))
        score.addPeer("A", addresses: [])
        score.graft("A", topic: Self.topic, now: .zero)
        score.decay(now: .milliseconds(40))
        // P1 = min(40, 10) = 10; score = 10 × 1 × 0.5 = 5.
        #expect(score.score(of: "A") == 5)
    }

    /// Time in mesh counts whole quanta only and stops when the peer is pruned.
    @Test func timeInMeshWholeQuantaAndPrune() {
        var score = Self.score(TopicScoreParameters(
            topicWeight: 1, timeInMeshWeight: 2, timeInMeshQuantum: .seconds(1), timeInMeshCap: 100))
        score.addPeer("A", addresses: [])
        score.graft("A", topic: Self.topic, now: .seconds(10))
        score.decay(now: .milliseconds(12_900))
        // ⌊2.9 s / 1 s⌋ = 2; score = 2 × w1 2 = 4.
        #expect(score.score(of: "A") == 4)
        score.prune("A", topic: Self.topic)
        // Out of the mesh P1 no longer counts.
        #expect(score.score(of: "A") == 0)
    }

    // MARK: P2

    /// go TestScoreFirstMessageDeliveries: 100 first deliveries, no decay.
    @Test func firstMessageDeliveries() {
        var score = Self.score(TopicScoreParameters(
            topicWeight: 1, firstMessageDeliveriesWeight: 1, firstMessageDeliveriesDecay: 1,
            firstMessageDeliveriesCap: 2000))
        score.addPeer("A", addresses: [])
        score.graft("A", topic: Self.topic, now: .zero)
        for id in 0..<100 {
            score.validateMessage(id, now: .zero)
            score.deliverMessage(id, topic: Self.topic, from: "A", now: .zero)
        }
        // P2 = 100; score = 100 × w2 1 × topicWeight 1 = 100.
        #expect(score.score(of: "A") == 100)
    }

    /// go TestScoreFirstMessageDeliveriesCap: 100 deliveries against a cap of 50.
    @Test func firstMessageDeliveriesCap() {
        var score = Self.score(TopicScoreParameters(
            topicWeight: 1, firstMessageDeliveriesWeight: 1, firstMessageDeliveriesDecay: 1,
            firstMessageDeliveriesCap: 50))
        score.addPeer("A", addresses: [])
        for id in 0..<100 {
            score.deliverMessage(id, topic: Self.topic, from: "A", now: .zero)
        }
        // P2 = min(100, 50) = 50.
        #expect(score.score(of: "A") == 50)
    }

    /// go TestScoreFirstMessageDeliveriesDecay: decay 0.9 per interval.
    @Test func firstMessageDeliveriesDecay() {
        var score = Self.score(TopicScoreParameters(
            topicWeight: 1, firstMessageDeliveriesWeight: 1, firstMessageDeliveriesDecay: 0.9,
            firstMessageDeliveriesCap: 2000))
        score.addPeer("A", addresses: [])
        for id in 0..<100 {
            score.deliverMessage(id, topic: Self.topic, from: "A", now: .zero)
        }
        score.decay(now: .seconds(1))
        // 100 × 0.9 = 90.
        #expect(Self.isClose(score.score(of: "A"), 90))
        for second in 2...11 {
            score.decay(now: .seconds(second))
        }
        // 90 × 0.9¹⁰ = 31.381059609.
        #expect(Self.isClose(score.score(of: "A"), 31.381059609))
    }

    /// Counters below decayToZero snap to 0: 1 → 0.5 → 0.25 → 0.125 → 0.0625 < 0.1 → 0.
    @Test func decayToZero() {
        var score = Self.score(
            TopicScoreParameters(
                topicWeight: 1, firstMessageDeliveriesWeight: 1, firstMessageDeliveriesDecay: 0.5,
                firstMessageDeliveriesCap: 10),
            PeerScoreParameters(decayToZero: 0.1))
        score.addPeer("A", addresses: [])
        score.deliverMessage(1, topic: Self.topic, from: "A", now: .zero)
        for second in 1...3 {
            score.decay(now: .seconds(second))
        }
        #expect(score.counters(of: "A", topic: Self.topic)?.firstMessageDeliveries == 0.125)
        score.decay(now: .seconds(4))
        #expect(score.counters(of: "A", topic: Self.topic)?.firstMessageDeliveries == 0)
        #expect(score.score(of: "A") == 0)
    }

    // MARK: P3, P3b

    static let meshDeliveries = TopicScoreParameters(
        topicWeight: 1, meshMessageDeliveriesWeight: -1, meshMessageDeliveriesDecay: 1,
        meshMessageDeliveriesCap: 100, meshMessageDeliveriesThreshold: 20,
        meshMessageDeliveriesWindow: .milliseconds(10), meshMessageDeliveriesActivation: .seconds(1))

    /// go TestScoreMeshMessageDeliveries: A delivers first, B within the 10 ms window,
    /// C 30 ms after validation (outside it).
    @Test func meshMessageDeliveriesWindow() {
        var score = Self.score(Self.meshDeliveries)
        for peer in ["A", "B", "C"] {
            score.addPeer(peer, addresses: [])
            score.graft(peer, topic: Self.topic, now: .zero)
        }
        score.decay(now: .zero)
        // Before activation nobody is penalised.
        #expect(["A", "B", "C"].allSatisfy { score.score(of: $0) == 0 })
        let validated = Duration.seconds(1)
        for id in 0..<100 {
            score.validateMessage(id, now: validated)
            score.deliverMessage(id, topic: Self.topic, from: "A", now: validated)
            score.duplicateMessage(id, topic: Self.topic, from: "B", now: validated)
        }
        for id in 0..<100 {
            score.duplicateMessage(id, topic: Self.topic, from: "C", now: validated + .milliseconds(30))
        }
        score.decay(now: validated + .milliseconds(30))
        // A and B: 100 mesh deliveries ≥ threshold 20 → P3 = 0.
        #expect(score.score(of: "A") == 0)
        #expect(score.score(of: "B") == 0)
        // C: 0 deliveries; P3 = (20 − 0)² = 400; score = 400 × w3 −1 × topicWeight 1 = −400.
        #expect(score.score(of: "C") == -400)
    }

    /// A duplicate that arrives while validation runs counts once validation succeeds,
    /// however long validation took.
    @Test func duplicateDuringValidationCounts() {
        var score = Self.score(Self.meshDeliveries)
        for peer in ["A", "B"] {
            score.addPeer(peer, addresses: [])
            score.graft(peer, topic: Self.topic, now: .zero)
        }
        score.validateMessage(7, now: .seconds(5))
        score.duplicateMessage(7, topic: Self.topic, from: "B", now: .seconds(5))
        score.deliverMessage(7, topic: Self.topic, from: "A", now: .seconds(9))
        #expect(score.counters(of: "B", topic: Self.topic)?.meshMessageDeliveries == 1)
        // A sending it again inside the window earns nothing more (go would count it).
        score.duplicateMessage(7, topic: Self.topic, from: "A", now: .seconds(9))
        #expect(score.counters(of: "A", topic: Self.topic)?.meshMessageDeliveries == 1)
    }

    /// go TestScoreMeshMessageDeliveriesDecay: 40 deliveries, decay 0.9, threshold 20.
    @Test func meshMessageDeliveriesDecay() {
        var parameters = Self.meshDeliveries
        parameters.meshMessageDeliveriesDecay = 0.9
        parameters.meshMessageDeliveriesActivation = .zero
        var score = Self.score(parameters)
        score.addPeer("A", addresses: [])
        score.graft("A", topic: Self.topic, now: .zero)
        for id in 0..<40 {
            score.deliverMessage(id, topic: Self.topic, from: "A", now: .zero)
        }
        score.decay(now: .milliseconds(1))
        // 40 × 0.9 = 36 ≥ 20: no penalty.
        #expect(score.score(of: "A") == 0)
        var count = 36.0
        for step in 2...21 {
            score.decay(now: .milliseconds(step))
            count *= 0.9
        }
        // 40 × 0.9²¹ ≈ 4.3776; P3 = (20 − 4.3776)² ≈ 244.06; score ≈ −244.06.
        #expect(Self.isClose(score.score(of: "A"), -(20 - count) * (20 - count)))
        #expect(score.score(of: "A") < -244 && score.score(of: "A") > -244.1)
    }

    /// go TestScoreMeshFailurePenalty: B never delivers; pruning it makes the deficit sticky.
    @Test func meshFailurePenalty() {
        var parameters = Self.meshDeliveries
        parameters.meshMessageDeliveriesWeight = 0
        parameters.meshMessageDeliveriesActivation = .zero
        parameters.meshFailurePenaltyWeight = -1
        parameters.meshFailurePenaltyDecay = 1
        var score = Self.score(parameters)
        for peer in ["A", "B"] {
            score.addPeer(peer, addresses: [])
            score.graft(peer, topic: Self.topic, now: .zero)
        }
        for id in 0..<100 {
            score.deliverMessage(id, topic: Self.topic, from: "A", now: .zero)
        }
        score.decay(now: .milliseconds(1))
        #expect(score.score(of: "A") == 0)
        #expect(score.score(of: "B") == 0)
        score.prune("B", topic: Self.topic)
        score.decay(now: .milliseconds(2))
        // P3b = (20 − 0)² = 400; score = 400 × w3b −1 = −400. A is untouched.
        #expect(score.score(of: "A") == 0)
        #expect(score.score(of: "B") == -400)
    }

    /// A PRUNE moves an active deficit into P3b and stops P3 (rust-libp2p; go keeps both).
    @Test func pruneMovesDeficitToStickyPenalty() {
        var parameters = Self.meshDeliveries
        parameters.meshFailurePenaltyWeight = -2
        parameters.meshFailurePenaltyDecay = 1
        var score = Self.score(parameters)
        score.addPeer("A", addresses: [])
        score.graft("A", topic: Self.topic, now: .zero)
        score.decay(now: .seconds(2))
        // Active after 2 s > 1 s with no deliveries: P3 = 20² = 400 → −400.
        #expect(score.score(of: "A") == -400)
        score.prune("A", topic: Self.topic)
        // P3 off; P3b = 400 → 400 × −2 = −800.
        #expect(score.score(of: "A") == -800)
        #expect(score.counters(of: "A", topic: Self.topic)?.isMeshMessageDeliveriesActive == false)
    }

    // MARK: P4

    static let invalidDeliveries = TopicScoreParameters(
        topicWeight: 1, invalidMessageDeliveriesWeight: -1, invalidMessageDeliveriesDecay: 1)

    /// go TestScoreInvalidMessageDeliveries: 100 messages with bad signatures.
    @Test func invalidMessageDeliveries() {
        var score = Self.score(Self.invalidDeliveries)
        score.addPeer("A", addresses: [])
        for id in 0..<100 {
            score.rejectMessage(id, topic: Self.topic, from: "A", reason: .invalidAuthentication, now: .zero)
        }
        // P4 = 100² = 10000; score = 10000 × w4 −1 = −10000.
        #expect(score.score(of: "A") == -10_000)
    }

    /// go TestScoreInvalidMessageDeliveriesDecay: decay 0.9.
    @Test func invalidMessageDeliveriesDecay() {
        var parameters = Self.invalidDeliveries
        parameters.invalidMessageDeliveriesDecay = 0.9
        var score = Self.score(parameters)
        score.addPeer("A", addresses: [])
        for id in 0..<100 {
            score.rejectMessage(id, topic: Self.topic, from: "A", reason: .invalidAuthentication, now: .zero)
        }
        score.decay(now: .seconds(1))
        // (100 × 0.9)² = 8100.
        #expect(Self.isClose(score.score(of: "A"), -8100))
        for second in 2...11 {
            score.decay(now: .seconds(second))
        }
        // (90 × 0.9¹⁰)² = 31.381059609² ≈ 984.77.
        #expect(Self.isClose(score.score(of: "A"), -31.381059609 * 31.381059609))
    }

    /// go TestScoreRejectMessageDeliveries: the corners of rejection.
    @Test func rejectionCorners() {
        var score = Self.score(Self.invalidDeliveries, PeerScoreParameters(deliveryRecordTimeToLive: .seconds(1)))
        score.addPeer("A", addresses: [])
        score.addPeer("B", addresses: [])
        // Dropped before validation: no effect.
        score.rejectMessage(0, topic: Self.topic, from: "A", reason: .notValidated, now: .zero)
        #expect(score.score(of: "A") == 0)
        // Throttled, then a duplicate from B: no effect on either.
        score.validateMessage(0, now: .zero)
        score.rejectMessage(0, topic: Self.topic, from: "A", reason: .throttled, now: .zero)
        score.duplicateMessage(0, topic: Self.topic, from: "B", now: .zero)
        #expect(score.score(of: "A") == 0 && score.score(of: "B") == 0)
        // Ignored (after the throttled record expired), then a duplicate: no effect.
        score.decay(now: .seconds(2))
        score.validateMessage(0, now: .seconds(2))
        score.rejectMessage(0, topic: Self.topic, from: "A", reason: .ignored, now: .seconds(2))
        score.duplicateMessage(0, topic: Self.topic, from: "B", now: .seconds(2))
        #expect(score.score(of: "A") == 0 && score.score(of: "B") == 0)
        // Invalid, then a duplicate: both get one invalid delivery: −1² = −1.
        score.decay(now: .seconds(4))
        score.validateMessage(0, now: .seconds(4))
        score.rejectMessage(0, topic: Self.topic, from: "A", reason: .invalid, now: .seconds(4))
        score.duplicateMessage(0, topic: Self.topic, from: "B", now: .seconds(4))
        #expect(score.score(of: "A") == -1 && score.score(of: "B") == -1)
        // A duplicate during validation, then invalid: both at 2: −2² = −4.
        score.decay(now: .seconds(6))
        score.validateMessage(0, now: .seconds(6))
        score.duplicateMessage(0, topic: Self.topic, from: "B", now: .seconds(6))
        score.rejectMessage(0, topic: Self.topic, from: "A", reason: .invalid, now: .seconds(6))
        #expect(score.score(of: "A") == -4 && score.score(of: "B") == -4)
    }

    // MARK: Topic weight and cap

    /// Two topics of P2 = 10 each with weights 1 and 0.5 sum to 15, capped at 12; P5 is
    /// added after the cap: 12 + (−3 × 1) = 9.
    @Test func topicWeightAndCap() {
        let topicParameters = TopicScoreParameters(
            topicWeight: 1, firstMessageDeliveriesWeight: 1, firstMessageDeliveriesDecay: 0.5,
            firstMessageDeliveriesCap: 100)
        var half = topicParameters
        half.topicWeight = 0.5
        var score = Score(parameters: PeerScoreParameters(
            topics: ["one": topicParameters, "two": half], topicScoreCap: 12, applicationScoreWeight: 1))
        score.addPeer("A", addresses: [])
        for id in 0..<10 {
            score.deliverMessage(id, topic: "one", from: "A", now: .zero)
            score.deliverMessage(100 + id, topic: "two", from: "A", now: .zero)
            score.deliverMessage(200 + id, topic: "unscored", from: "A", now: .zero)
        }
        // 10 × 1 × 1 + 10 × 1 × 0.5 = 15 > cap 12.
        #expect(score.score(of: "A") == 12)
        #expect(score.counters(of: "A", topic: "unscored") == nil)
        score.setApplicationScore(-3, of: "A")
        #expect(score.score(of: "A") == 9)
    }

    /// go TestScoreRecapTopicParams: lowering the P2 cap recaps the counter at once.
    @Test func recapTopicParameters() {
        var parameters = TopicScoreParameters(
            topicWeight: 1, firstMessageDeliveriesWeight: 10, firstMessageDeliveriesDecay: 0.9,
            firstMessageDeliveriesCap: 100, invalidMessageDeliveriesDecay: 0.5)
        var score = Self.score(parameters)
        score.addPeer("A", addresses: [])
        for id in 0..<100 {
            score.deliverMessage(id, topic: Self.topic, from: "A", now: .zero)
        }
        // 100 × w2 10 = 1000.
        #expect(score.score(of: "A") == 1000)
        parameters.firstMessageDeliveriesCap = 50
        score.setTopicParameters(parameters, for: Self.topic)
        // min(100, 50) × 10 = 500.
        #expect(score.score(of: "A") == 500)
    }

    // MARK: P5

    /// go TestScoreApplicationScore: P5 × weight 0.5 for values −100 …< 100.
    @Test func applicationScore() {
        var score = Score(parameters: PeerScoreParameters(applicationScoreWeight: 0.5))
        score.addPeer("A", addresses: [])
        for value in -100..<100 {
            score.setApplicationScore(Double(value), of: "A")
            score.decay(now: .seconds(1))
            #expect(score.score(of: "A") == Double(value) * 0.5)
        }
    }

    // MARK: P6

    static func address(_ text: String) -> [UInt8] {
        text.split(separator: ".").map { UInt8($0)! }
    }

    static func colocationScore(whitelist: [IPColocationSubnet]) -> Score {
        var score = Score(parameters: PeerScoreParameters(
            ipColocationFactorWeight: -1, ipColocationFactorThreshold: 1, ipColocationFactorWhitelist: whitelist))
        score.addPeer("A", addresses: [address("1.2.3.4")])
        score.addPeer("B", addresses: [address("2.3.4.5")])
        score.addPeer("C", addresses: [address("2.3.4.5"), address("3.4.5.6")])
        score.addPeer("D", addresses: [address("2.3.4.5")])
        return score
    }

    /// go TestScoreIPColocation: B, C, D share 2.3.4.5.
    @Test func ipColocation() {
        let score = Self.colocationScore(whitelist: [])
        #expect(score.score(of: "A") == 0)
        // 3 peers at 2.3.4.5, threshold 1: surplus 2, P6 = 2² = 4; score = 4 × w6 −1 = −4.
        // C's second address has only C: no surplus.
        for peer in ["B", "C", "D"] {
            #expect(score.score(of: peer) == -4)
        }
    }

    /// go TestScoreIPColocationWhitelist: 2.3.0.0/16 is exempt.
    @Test func ipColocationWhitelist() {
        let score = Self.colocationScore(whitelist: [IPColocationSubnet(address: [2, 3, 0, 0], prefixLength: 16)])
        for peer in ["A", "B", "C", "D"] {
            #expect(score.score(of: peer) == 0)
        }
    }

    /// IPv6 peers count under their address and their /64; IPv4-mapped IPv6 counts as IPv4;
    /// loopback is ignored; moving and leaving update the counts.
    @Test func ipColocationIPv6MappedLoopbackAndMoves() {
        var score = Score(parameters: PeerScoreParameters(
            ipColocationFactorWeight: -1, ipColocationFactorThreshold: 1, retainScore: .zero))
        let subnet: [UInt8] = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1]
        score.addPeer("E", addresses: [subnet + [0, 0, 0, 0, 0, 0, 0, 1]])
        score.addPeer("F", addresses: [subnet + [0, 0, 0, 0, 0, 0, 0, 2]])
        // Each alone at its address; 2 in the /64: surplus 1, P6 = 1; score −1.
        #expect(score.score(of: "E") == -1 && score.score(of: "F") == -1)
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 9, 9, 9, 9]
        score.addPeer("G", addresses: [Self.address("9.9.9.9")])
        score.addPeer("H", addresses: [mapped])
        #expect(score.score(of: "G") == -1 && score.score(of: "H") == -1)
        for peer in ["L1", "L2", "L3"] {
            score.addPeer(peer, addresses: [Self.address("127.0.0.1"), [UInt8](repeating: 0, count: 15) + [1]])
        }
        #expect(score.score(of: "L1") == 0)
        score.setAddresses([Self.address("8.8.8.8")], of: "H")
        #expect(score.score(of: "G") == 0 && score.score(of: "H") == 0)
        score.removePeer("F", now: .zero)
        #expect(score.score(of: "E") == 0)
        #expect(score.peersByColocationKey.count == 4)  // E's two keys, G, H
    }

    // MARK: P7

    /// go TestScoreBehaviourPenalty: weight −1, decay 0.99.
    @Test func behaviourPenalty() {
        var score = Score(parameters: PeerScoreParameters(behaviourPenaltyWeight: -1, behaviourPenaltyDecay: 0.99))
        // A penalty for an unknown peer does nothing.
        score.addPenalty("A")
        #expect(score.score(of: "A") == 0)
        score.addPeer("A", addresses: [])
        #expect(score.score(of: "A") == 0)
        score.addPenalty("A")
        // P7 = 1² = 1 → −1.
        #expect(score.score(of: "A") == -1)
        score.addPenalty("A")
        // P7 = 2² = 4 → −4.
        #expect(score.score(of: "A") == -4)
        score.decay(now: .seconds(1))
        // (2 × 0.99)² = 1.98² = 3.9204 → −3.9204 (go expects exactly this value).
        #expect(score.score(of: "A") == -3.9204)
    }

    /// Only the excess over the threshold counts: (3 − 1)² = 4 → −4 × 2 = −8.
    @Test func behaviourPenaltyThreshold() {
        var score = Score(parameters: PeerScoreParameters(
            behaviourPenaltyWeight: -2, behaviourPenaltyThreshold: 1, behaviourPenaltyDecay: 0.5))
        score.addPeer("A", addresses: [])
        score.addPenalty("A", count: 1)
        #expect(score.score(of: "A") == 0)
        score.addPenalty("A", count: 2)
        #expect(score.score(of: "A") == -8)
    }

    // MARK: Retention

    /// go TestScoreRetention: a negative score outlives the disconnect for retainScore.
    @Test func retention() {
        var score = Score(parameters: PeerScoreParameters(applicationScoreWeight: 1, retainScore: .seconds(1)))
        score.addPeer("A", addresses: [])
        score.setApplicationScore(-1000, of: "A")
        score.graft("A", topic: Self.topic, now: .zero)
        score.decay(now: .zero)
        #expect(score.score(of: "A") == -1000)
        score.removePeer("A", now: .zero)
        score.decay(now: .milliseconds(500))
        #expect(score.score(of: "A") == -1000)
        #expect(score.isTracking("A") && !score.isConnected("A"))
        score.decay(now: .milliseconds(1050))
        #expect(score.score(of: "A") == 0)
        #expect(!score.isTracking("A"))
    }

    /// A positive score is not retained; a reconnecting peer gets its negative score back,
    /// undecayed; on disconnect first deliveries are cleared and a P3 deficit becomes P3b.
    @Test func retentionDetails() {
        var parameters = Self.meshDeliveries
        parameters.firstMessageDeliveriesWeight = 1
        parameters.firstMessageDeliveriesDecay = 0.5
        parameters.firstMessageDeliveriesCap = 100
        parameters.meshFailurePenaltyWeight = -1
        parameters.meshFailurePenaltyDecay = 0.5
        var score = Self.score(parameters, PeerScoreParameters(retainScore: .seconds(60)))
        score.addPeer("good", addresses: [])
        score.deliverMessage(1, topic: Self.topic, from: "good", now: .zero)
        score.removePeer("good", now: .zero)
        #expect(!score.isTracking("good"))

        score.addPeer("bad", addresses: [])
        score.graft("bad", topic: Self.topic, now: .zero)
        score.deliverMessage(2, topic: Self.topic, from: "bad", now: .zero)
        score.decay(now: .seconds(2))
        // P2 = 1 × 0.5 = 0.5; P3 active: mesh deliveries 1 × 1 (decay 1) = 1, deficit 19,
        // P3 = 361 → −361; total −360.5.
        #expect(score.score(of: "bad") == -360.5)
        score.removePeer("bad", now: .seconds(2))
        // P2 cleared; out of the mesh P3 is 0 but P3b = 19² = 361 → −361.
        #expect(score.score(of: "bad") == -361)
        score.decay(now: .seconds(30))
        #expect(score.score(of: "bad") == -361)
        score.addPeer("bad", addresses: [])
        #expect(score.isConnected("bad") && score.score(of: "bad") == -361)
        score.decay(now: .seconds(31))
        // Connected again, P3b decays: 361 × 0.5 = 180.5.
        #expect(score.score(of: "bad") == -180.5)
    }

    // MARK: Limits

    /// At the peer limit a retained peer makes room; connected peers never do.
    @Test func peerLimit() {
        var score = Score(
            parameters: PeerScoreParameters(applicationScoreWeight: 1, retainScore: .seconds(60)), peerCountMax: 2)
        let addedA = score.addPeer("A", addresses: [])
        let addedB = score.addPeer("B", addresses: [])
        let addedC = score.addPeer("C", addresses: [])
        #expect(addedA && addedB && !addedC)
        #expect(score.score(of: "C") == 0)
        score.setApplicationScore(-5, of: "B")
        score.removePeer("B", now: .zero)
        #expect(score.isTracking("B"))
        let addedAfterRoom = score.addPeer("C", addresses: [])
        #expect(addedAfterRoom)
        #expect(!score.isTracking("B") && score.peerCount == 2)
    }

    /// Delivery records are bounded: past the peer limit of a record, further duplicate
    /// senders are not remembered and so earn nothing.
    @Test func deliveryRecordLimits() {
        var parameters = PeerScoreParameters()
        parameters.topics[Self.topic] = Self.meshDeliveries
        var score = Score(parameters: parameters, deliveryRecordCountMax: 2, deliveryRecordPeerCountMax: 1)
        for peer in ["A", "B", "C"] {
            score.addPeer(peer, addresses: [])
            score.graft(peer, topic: Self.topic, now: .zero)
        }
        score.validateMessage(1, now: .zero)
        score.duplicateMessage(1, topic: Self.topic, from: "B", now: .zero)
        score.duplicateMessage(1, topic: Self.topic, from: "C", now: .zero)
        score.deliverMessage(1, topic: Self.topic, from: "A", now: .zero)
        #expect(score.counters(of: "B", topic: Self.topic)?.meshMessageDeliveries == 1)
        #expect(score.counters(of: "C", topic: Self.topic)?.meshMessageDeliveries == 0)
        score.validateMessage(2, now: .zero)
        score.validateMessage(3, now: .zero)
        #expect(score.deliveries.count == 2)
    }

    // MARK: Property

    /// Random event sequences never trap; scores stay finite, counters stay within
    /// [0, cap] and decayed counters never go negative.
    @Test func randomEventSequences() {
        var random = SeededGenerator.make(for: "PeerScoreTests.randomEventSequences")
        let topics = ["t0", "t1", "t2"]
        let profiles: [String: TopicScoreProfile] = [
            "t0": .batches, "t1": .attestations(validatorCount: 50), "t2": .transactions,
        ]
        var parameters = PeerScoreParameters.olnDefaults(topics: profiles)
        parameters.retainScore = .seconds(20)
        parameters.deliveryRecordTimeToLive = .seconds(5)
        var score = Score(parameters: parameters, peerCountMax: 6, deliveryRecordCountMax: 64, deliveryRecordPeerCountMax: 3)
        let peers = (0..<8).map { "p\($0)" }
        var now = Duration.zero
        for _ in 0..<20_000 {
            now += .milliseconds(Int64.random(in: 0...300, using: &random))
            Self.randomEvent(&score, peers: peers, topics: topics, now: now, using: &random)
            if Int.random(in: 0..<10, using: &random) == 0 { score.decay(now: now) }
            for peer in peers {
                #expect(score.score(of: peer).isFinite)
                #expect(score.behaviourPenalty(of: peer) >= 0)
                for topic in topics {
                    guard let counters = score.counters(of: peer, topic: topic) else { continue }
                    let topicParameters = parameters.topics[topic]!
                    #expect(counters.firstMessageDeliveries >= 0)
                    #expect(counters.firstMessageDeliveries <= topicParameters.firstMessageDeliveriesCap)
                    #expect(counters.meshMessageDeliveries >= 0)
                    #expect(counters.meshMessageDeliveries <= max(topicParameters.meshMessageDeliveriesCap, 0))
                    #expect(counters.meshFailurePenalty >= 0 && counters.invalidMessageDeliveries >= 0)
                }
            }
            #expect(score.peerCount <= 6 && score.deliveries.count <= 64)
        }
    }

    static func randomEvent(
        _ score: inout Score, peers: [String], topics: [String], now: Duration, using random: inout SeededGenerator
    ) {
        let peer = peers.randomElement(using: &random)!
        let topic = topics.randomElement(using: &random)!
        let id = Int.random(in: 0..<40, using: &random)
        switch Int.random(in: 0..<11, using: &random) {
        case 0:
            let addresses = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                [10, 0, 0, UInt8.random(in: 1...3, using: &random)] as [UInt8]
            }
            score.addPeer(peer, addresses: addresses)
        case 1: score.removePeer(peer, now: now)
        case 2: score.graft(peer, topic: topic, now: now)
        case 3: score.prune(peer, topic: topic)
        case 4: score.validateMessage(id, now: now)
        case 5: score.deliverMessage(id, topic: topic, from: peer, now: now)
        case 6: score.duplicateMessage(id, topic: topic, from: peer, now: now)
        case 7:
            let reasons: [PeerScoreRejection] = [.invalid, .invalidAuthentication, .ignored, .throttled, .notValidated]
            score.rejectMessage(id, topic: topic, from: peer, reason: reasons.randomElement(using: &random)!, now: now)
        case 8: score.addPenalty(peer, count: Int.random(in: 0...3, using: &random))
        case 9: score.setApplicationScore(Double.random(in: -200...200, using: &random), of: peer)
        default: score.decay(now: now)
        }
    }
}
