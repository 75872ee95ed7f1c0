import Foundation

/// The global score parameters and the per-topic ones (gossipsub-v1.1.md "The Score
/// Function"; go-libp2p-pubsub `PeerScoreParams`). The application-specific value P5 is
/// not a callback here: the caller sets it per peer with `PeerScore.setApplicationScore`.
public struct PeerScoreParameters: Sendable, Equatable {
    /// Parameters per scored topic; messages in other topics do not change the score.
    public var topics: [String: TopicScoreParameters]
    /// The most the topics together may add to a score; 0 for no cap.
    public var topicScoreCap: Double

    /// P5: weight of the application-specific value.
    public var applicationScoreWeight: Double

    /// P6: `Σ (peersAtAddress − threshold)²` over the peer's addresses where above; weight ≤ 0.
    public var ipColocationFactorWeight: Double
    public var ipColocationFactorThreshold: Int
    /// Subnets exempt from P6.
    public var ipColocationFactorWhitelist: [IPColocationSubnet]

    /// P7: `(penalty − threshold)²` where above; the counter decays; weight ≤ 0.
    public var behaviourPenaltyWeight: Double
    public var behaviourPenaltyThreshold: Double
    public var behaviourPenaltyDecay: Double

    /// How often the caller runs `PeerScore.decay(now:)`; at least 1 s.
    public var decayInterval: Duration
    /// Counters that decay below this become 0; strictly between 0 and 1.
    public var decayToZero: Double
    /// How long the score of a disconnected peer is kept (non-positive scores only).
    public var retainScore: Duration
    /// How long message delivery records are kept (go `SeenMsgTTL`, default the seen-cache TTL).
    public var deliveryRecordTimeToLive: Duration

    /// Everything off by default; `validate()` still asks for a decay interval and a
    /// decay-to-zero value, as go does.
    public init(
        topics: [String: TopicScoreParameters] = [:],
        topicScoreCap: Double = 0,
        applicationScoreWeight: Double = 0,
        ipColocationFactorWeight: Double = 0,
        ipColocationFactorThreshold: Int = 0,
        ipColocationFactorWhitelist: [IPColocationSubnet] = [],
        behaviourPenaltyWeight: Double = 0,
        behaviourPenaltyThreshold: Double = 0,
        behaviourPenaltyDecay: Double = 0,
        decayInterval: Duration = .seconds(1),
        decayToZero: Double = 0.01,
        retainScore: Duration = .zero,
        deliveryRecordTimeToLive: Duration = .seconds(120)
    ) {
        self.topics = topics
        self.topicScoreCap = topicScoreCap
        self.applicationScoreWeight = applicationScoreWeight
        self.ipColocationFactorWeight = ipColocationFactorWeight
        self.ipColocationFactorThreshold = ipColocationFactorThreshold
        self.ipColocationFactorWhitelist = ipColocationFactorWhitelist
        self.behaviourPenaltyWeight = behaviourPenaltyWeight
        self.behaviourPenaltyThreshold = behaviourPenaltyThreshold
        self.behaviourPenaltyDecay = behaviourPenaltyDecay
        self.decayInterval = decayInterval
        self.decayToZero = decayToZero
        self.retainScore = retainScore
        self.deliveryRecordTimeToLive = deliveryRecordTimeToLive
    }

    /// The decay factor that takes a counter of 1 down to `decayToZero` in `time`, when
    /// decay runs every `interval` (go `ScoreParameterDecayWithBase`): `decayToZero^(interval/time)`.
    public static func decayFactor(
        toZeroIn time: Duration, interval: Duration = .seconds(1), decayToZero: Double = 0.01
    ) -> Double {
        precondition(time > .zero && interval > .zero, "decay times must be positive")
        return pow(decayToZero, interval / time)
    }

    /// Checks every value as go-libp2p-pubsub's atomic validation does; a topic's error
    /// names the topic.
    public func validate() throws(PeerScoreParameterError) {
        typealias Check = ScoreParameterCheck
        for (topic, parameters) in topics.sorted(by: { $0.key < $1.key }) {
            do { try parameters.validate() } catch { throw error.inTopic(topic) }
        }
        try Check.require(topicScoreCap.isFinite && topicScoreCap >= 0, "topicScoreCap", "a finite number ≥ 0 (0: no cap)")
        try Check.require(applicationScoreWeight.isFinite, "applicationScoreWeight", "a finite number")
        try Check.require(
            ipColocationFactorWeight.isFinite && ipColocationFactorWeight <= 0,
            "ipColocationFactorWeight", "a finite number ≤ 0")
        try Check.require(
            ipColocationFactorWeight == 0 || ipColocationFactorThreshold >= 1,
            "ipColocationFactorThreshold", "at least 1")
        try validateBehaviourPenalty()
        try Check.require(decayInterval >= .seconds(1), "decayInterval", "at least 1 s")
        try Check.require(Check.isDecay(decayToZero), "decayToZero", "between 0 and 1 (exclusive)")
        try Check.require(retainScore >= .zero, "retainScore", "not negative")
        try Check.require(deliveryRecordTimeToLive > .zero, "deliveryRecordTimeToLive", "positive")
    }

    private func validateBehaviourPenalty() throws(PeerScoreParameterError) {
        typealias Check = ScoreParameterCheck
        try Check.require(
            behaviourPenaltyWeight.isFinite && behaviourPenaltyWeight <= 0,
            "behaviourPenaltyWeight", "a finite number ≤ 0")
        try Check.require(
            behaviourPenaltyWeight == 0 || Check.isDecay(behaviourPenaltyDecay),
            "behaviourPenaltyDecay", "between 0 and 1 (exclusive)")
        try Check.require(
            behaviourPenaltyThreshold.isFinite && behaviourPenaltyThreshold >= 0,
            "behaviourPenaltyThreshold", "a finite number ≥ 0")
    }
}
