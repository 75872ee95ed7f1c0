import Testing
@testable import Gossip

/// `PeerScoreParameters.olnDefaults` against an independent derivation: the expected values
/// come from a Python transcription of Lighthouse's `get_topic_params` formulas with our
/// rates (decay interval 1 s, decayToZero 0.01, D = 6), not from this code.
@Suite struct TopicScoreProfileTests {
    static let topics: [String: TopicScoreProfile] = [
        "batch": .batches, "attestation": .attestations(validatorCount: 100),
        "transaction": .transactions, "receipt": .receipts,
    ]
    static let parameters = PeerScoreParameters.olnDefaults(topics: topics)

    static func isClose(_ value: Double, _ expected: Double) -> Bool {
        abs(value - expected) <= 1e-12 * max(1, abs(expected))
    }

    @Test func defaultsValidate() throws {
        try Self.parameters.validate()
        try PeerScoreParameters.olnDefaults(topics: [:]).validate()
        try PeerScoreParameters.olnDefaults(topics: ["only": .attestations(validatorCount: 1)]).validate()
    }

    /// Weights 0.5 + 0.5 + 0.1 + 0.05 = 1.15; best positive score (10 + 40) × 1.15 = 57.5.
    @Test func globalValues() {
        let parameters = Self.parameters
        #expect(Self.isClose(parameters.topicScoreCap, 28.75))
        #expect(Self.isClose(parameters.ipColocationFactorWeight, -28.75))
        #expect(parameters.ipColocationFactorThreshold == 8)
        #expect(parameters.applicationScoreWeight == 1)
        #expect(parameters.decayInterval == .seconds(1) && parameters.decayToZero == 0.01)
        #expect(parameters.retainScore == .seconds(43_200))
        #expect(parameters.behaviourPenaltyThreshold == 6)
        #expect(Self.isClose(parameters.behaviourPenaltyDecay, 0.9987216039048303))
        // (1/30) / (1 − decay) − 6 = 20.0743…; −4000 / 20.0743² = −9.926073…
        #expect(Self.isClose(parameters.behaviourPenaltyWeight, -9.92607329417971))
    }

    @Test func batchTopic() throws {
        let batch = try #require(Self.parameters.topics["batch"])
        #expect(batch.topicWeight == 0.5)
        #expect(batch.timeInMeshQuantum == .seconds(1) && batch.timeInMeshCap == 3600)
        #expect(Self.isClose(batch.timeInMeshWeight, 10.0 / 3600))
        #expect(Self.isClose(batch.firstMessageDeliveriesDecay, 0.996408675081082))
        #expect(Self.isClose(batch.firstMessageDeliveriesCap, 46.40812803896342))
        #expect(Self.isClose(batch.firstMessageDeliveriesWeight, 0.8619179805403211))
        #expect(Self.isClose(batch.meshMessageDeliveriesDecay, 0.9857119009006162))
        #expect(Self.isClose(batch.meshMessageDeliveriesThreshold, 0.6898831636345022))
        #expect(Self.isClose(batch.meshMessageDeliveriesCap, 2.0696494909035064))
        #expect(batch.meshMessageDeliveriesActivation == .seconds(64))
        #expect(batch.meshMessageDeliveriesWindow == .milliseconds(500))
        #expect(batch.meshMessageDeliveriesWeight == -0.5 && batch.meshFailurePenaltyWeight == -0.5)
        #expect(batch.meshFailurePenaltyDecay == batch.meshMessageDeliveriesDecay)
        #expect(Self.isClose(batch.invalidMessageDeliveriesWeight, -115))
        #expect(Self.isClose(batch.invalidMessageDeliveriesDecay, 0.9997868204025748))
    }

    @Test func attestationTopic() throws {
        let attestation = try #require(Self.parameters.topics["attestation"])
        #expect(Self.isClose(attestation.firstMessageDeliveriesDecay, 0.930572040929699))
        #expect(Self.isClose(attestation.firstMessageDeliveriesCap, 240.05698698114443))
        #expect(Self.isClose(attestation.firstMessageDeliveriesWeight, 0.1666271017687223))
        #expect(Self.isClose(attestation.meshMessageDeliveriesDecay, 0.9646616199111993))
        #expect(Self.isClose(attestation.meshMessageDeliveriesThreshold, 27.29784493480262))
        #expect(Self.isClose(attestation.meshMessageDeliveriesCap, 109.19137973921048))
        #expect(attestation.meshMessageDeliveriesActivation == .seconds(64))
    }

    /// User-driven topics have P3 and P3b off.
    @Test func transactionAndReceiptTopics() throws {
        let transaction = try #require(Self.parameters.topics["transaction"])
        #expect(Self.isClose(transaction.firstMessageDeliveriesDecay, 0.9847666521101581))
        #expect(Self.isClose(transaction.firstMessageDeliveriesCap, 437.6363432960283))
        #expect(Self.isClose(transaction.firstMessageDeliveriesWeight, 0.09140008733905124))
        #expect(Self.isClose(transaction.invalidMessageDeliveriesWeight, -575))
        #expect(transaction.meshMessageDeliveriesWeight == 0 && transaction.meshFailurePenaltyWeight == 0)
        let receipt = try #require(Self.parameters.topics["receipt"])
        #expect(Self.isClose(receipt.firstMessageDeliveriesCap, 2188.1817164801414))
        #expect(Self.isClose(receipt.firstMessageDeliveriesWeight, 0.018280017467810248))
        #expect(Self.isClose(receipt.invalidMessageDeliveriesWeight, -1150))
    }

    /// The design targets, checked on a score: an hour in the mesh and a full P2 counter
    /// give (10 + 40) × 0.5 = 25 for batches; one invalid batch costs 115 × 0.5 × 1² = 57.5,
    /// the whole best positive score.
    @Test func designTargets() {
        var score = PeerScore<String, Int>(parameters: Self.parameters)
        score.addPeer("A", addresses: [])
        score.graft("A", topic: "batch", now: .zero)
        for id in 0..<100 {
            score.deliverMessage(id, topic: "batch", from: "A", now: .zero)
        }
        score.decay(now: .seconds(3601))
        // P1 = min(3601, 3600) × 10/3600 = 10. P2 = min(100, cap 46.408) = 46.408, after one
        // decay 46.408 × 0.996409 = 46.241, × weight 0.861918 = 39.856. P3: 2.07 (cap) after
        // one decay 2.04 ≥ threshold 0.69, no penalty. Score = (10 + 39.856) × 0.5 = 24.928.
        let positive = score.score(of: "A")
        #expect(positive > 24.92 && positive < 24.94)
        score.rejectMessage(1000, topic: "batch", from: "A", reason: .invalidAuthentication, now: .seconds(3601))
        #expect(Self.isClose(score.score(of: "A"), positive - 57.5))
    }
}
