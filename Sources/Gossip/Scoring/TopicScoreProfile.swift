/// The expected traffic of a topic and how long its counters should remember, from which
/// `TopicScoreParameters(profile:…)` derives the topic's score parameters the way
/// Lighthouse does (`get_topic_params`). docs/gossip-scoring.md explains every value.
public struct TopicScoreProfile: Sendable, Equatable {
    /// How much the topic counts; greater than 0.
    public var topicWeight: Double
    /// Messages expected in the topic per second, network-wide.
    public var expectedMessagesPerSecond: Double
    /// P2 counts decay to `decayToZero` of their value over this time.
    public var firstMessageDecayTime: Duration
    /// P3 counts decay over this time; nil switches P3 and P3b off, for topics whose
    /// traffic the protocol does not guarantee (an idle topic would penalise every peer).
    public var meshMessageDecayTime: Duration?
    /// P3 cap as a multiple of the P3 threshold (at least 2 messages).
    public var meshMessageCapFactor: Double
    /// Time in the mesh before P3 applies.
    public var meshMessageActivation: Duration

    public init(
        topicWeight: Double, expectedMessagesPerSecond: Double, firstMessageDecayTime: Duration,
        meshMessageDecayTime: Duration? = nil, meshMessageCapFactor: Double = 0,
        meshMessageActivation: Duration = .zero
    ) {
        precondition(topicWeight > 0 && topicWeight.isFinite, "a scored topic needs a positive weight")
        precondition(expectedMessagesPerSecond > 0 && expectedMessagesPerSecond.isFinite, "a topic needs a positive rate")
        precondition(firstMessageDecayTime > .zero, "decay times must be positive")
        self.topicWeight = topicWeight
        self.expectedMessagesPerSecond = expectedMessagesPerSecond
        self.firstMessageDecayTime = firstMessageDecayTime
        self.meshMessageDecayTime = meshMessageDecayTime
        self.meshMessageCapFactor = meshMessageCapFactor
        self.meshMessageActivation = meshMessageActivation
    }

    /// The chain slot: one batch every 2 seconds.
    public static var slot: Duration { .seconds(2) }

    /// One gossiped-transaction topic (`Contribute`, `Transfer`, …): tens a second, driven
    /// by users, so no P3; P2 remembers 5 minutes.
    public static let transactions = TopicScoreProfile(
        topicWeight: 0.1, expectedMessagesPerSecond: 20, firstMessageDecayTime: .seconds(300))

    /// Inference receipts: many a second, user-driven, so no P3; P2 remembers 5 minutes.
    public static let receipts = TopicScoreProfile(
        topicWeight: 0.05, expectedMessagesPerSecond: 100, firstMessageDecayTime: .seconds(300))

    /// Batches: exactly one per 2 s slot from the slot leader. As Lighthouse's beacon
    /// blocks, in slots: P2 over 640 slots, P3 over 160 slots with cap factor 3, active
    /// after 32 slots in the mesh.
    public static let batches = TopicScoreProfile(
        topicWeight: 0.5, expectedMessagesPerSecond: 0.5, firstMessageDecayTime: slot * 640,
        meshMessageDecayTime: slot * 160, meshMessageCapFactor: 3, meshMessageActivation: slot * 32)

    /// Attestations: one per validator per slot. As Lighthouse's aggregates (a burst every
    /// slot), in slots: P2 over 32 slots, P3 over 64 slots with cap factor 4, active after
    /// 32 slots in the mesh.
    public static func attestations(validatorCount: Int) -> TopicScoreProfile {
        precondition(validatorCount > 0, "attestations need at least one validator")
        return TopicScoreProfile(
            topicWeight: 0.5, expectedMessagesPerSecond: Double(validatorCount) / (slot / .seconds(1)),
            firstMessageDecayTime: slot * 32, meshMessageDecayTime: slot * 64, meshMessageCapFactor: 4,
            meshMessageActivation: slot * 32)
    }
}
