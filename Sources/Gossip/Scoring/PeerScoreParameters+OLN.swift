/// The oln defaults, derived as Lighthouse derives Ethereum's (gossipsub_scoring_parameters.rs)
/// from each topic's expected traffic; docs/gossip-scoring.md gives every value and why.
extension PeerScoreParameters {
    /// The most a topic's time in mesh (P1) adds before its weight.
    public static var olnTimeInMeshScoreMax: Double { 10 }
    /// The most a topic's first deliveries (P2) add before its weight.
    public static var olnFirstDeliveriesScoreMax: Double { 40 }
    /// Near-first deliveries count for P3 within this time after our validation.
    public static var olnMeshMessageDeliveriesWindow: Duration { .milliseconds(500) }
    /// The mesh degree D the rates are shared among (go `GossipSubD`).
    public static var olnMeshDegree: Int { 6 }

    /// Score parameters for `topics` (topic name → expected traffic), scaled against
    /// `PeerScoreThresholds.olnDefaults`, with decay every 1 s heartbeat.
    public static func olnDefaults(topics: [String: TopicScoreProfile]) -> PeerScoreParameters {
        let decayInterval = Duration.seconds(1)
        let decayToZero = 0.01
        let weightSum = topics.values.reduce(0) { $0 + $1.topicWeight }
        let positiveScoreMax = (olnTimeInMeshScoreMax + olnFirstDeliveriesScoreMax) * weightSum
        var parameters = PeerScoreParameters(
            topicScoreCap: positiveScoreMax * 0.5,
            applicationScoreWeight: 1,
            ipColocationFactorWeight: -positiveScoreMax * 0.5,
            ipColocationFactorThreshold: 8,
            behaviourPenaltyThreshold: 6,
            behaviourPenaltyDecay: decayFactor(toZeroIn: .seconds(3600), interval: decayInterval),
            decayInterval: decayInterval,
            decayToZero: decayToZero,
            retainScore: .seconds(12 * 3600),
            deliveryRecordTimeToLive: .seconds(120))
        // P7 reaches the gossip threshold when a peer keeps earning one penalty every 30 s:
        // the counter converges to rate / (1 − decay).
        let penaltyRate = 1.0 / 30
        let penaltyConverged = penaltyRate / (1 - parameters.behaviourPenaltyDecay) - parameters.behaviourPenaltyThreshold
        parameters.behaviourPenaltyWeight = PeerScoreThresholds.olnDefaults.gossipThreshold / (penaltyConverged * penaltyConverged)
        for (topic, profile) in topics {
            parameters.topics[topic] = TopicScoreParameters(
                profile: profile, decayInterval: decayInterval, decayToZero: decayToZero,
                meshDegree: olnMeshDegree, positiveScoreMax: positiveScoreMax)
        }
        if positiveScoreMax == 0 {
            // No topics: nothing positive to cap, and P6 falls back to a unit weight.
            parameters.topicScoreCap = 0
            parameters.ipColocationFactorWeight = -1
        }
        return parameters
    }
}

extension TopicScoreParameters {
    /// Topic parameters from expected traffic (Lighthouse `get_topic_params`):
    ///
    /// - P1: quantum 1 s, cap 3600 (one hour), weight `10 / 3600`: at most 10.
    /// - P2: cap = the count a peer converges to when it delivers first twice its fair
    ///   share `2 · rate / D`, weight `40 / cap`: at most 40.
    /// - P3: threshold = the count converged to at 1/50 of the rate, times one decay;
    ///   cap = max(2, capFactor · threshold); weight and P3b weight = −topicWeight.
    /// - P4: weight `−positiveScoreMax / topicWeight`, so that one invalid message cancels
    ///   the best positive score; decays over 6 hours.
    public init(
        profile: TopicScoreProfile, decayInterval: Duration, decayToZero: Double, meshDegree: Int,
        positiveScoreMax: Double
    ) {
        precondition(meshDegree > 0, "the mesh degree must be positive")
        func decay(_ time: Duration) -> Double {
            PeerScoreParameters.decayFactor(toZeroIn: time, interval: decayInterval, decayToZero: decayToZero)
        }
        let ratePerInterval = profile.expectedMessagesPerSecond * (decayInterval / .seconds(1))
        self.init(topicWeight: profile.topicWeight)
        timeInMeshQuantum = .seconds(1)
        timeInMeshCap = Duration.seconds(3600) / timeInMeshQuantum
        timeInMeshWeight = PeerScoreParameters.olnTimeInMeshScoreMax / timeInMeshCap
        firstMessageDeliveriesDecay = decay(profile.firstMessageDecayTime)
        firstMessageDeliveriesCap = 2 * ratePerInterval / Double(meshDegree) / (1 - firstMessageDeliveriesDecay)
        firstMessageDeliveriesWeight = PeerScoreParameters.olnFirstDeliveriesScoreMax / firstMessageDeliveriesCap
        if let meshDecayTime = profile.meshMessageDecayTime {
            meshMessageDeliveriesDecay = decay(meshDecayTime)
            meshMessageDeliveriesThreshold = ratePerInterval / 50 / (1 - meshMessageDeliveriesDecay) * meshMessageDeliveriesDecay
            meshMessageDeliveriesCap = max(2, profile.meshMessageCapFactor * meshMessageDeliveriesThreshold)
            meshMessageDeliveriesActivation = profile.meshMessageActivation
            meshMessageDeliveriesWindow = PeerScoreParameters.olnMeshMessageDeliveriesWindow
            meshMessageDeliveriesWeight = -profile.topicWeight
            meshFailurePenaltyDecay = meshMessageDeliveriesDecay
            meshFailurePenaltyWeight = meshMessageDeliveriesWeight
        }
        invalidMessageDeliveriesWeight = positiveScoreMax > 0 ? -positiveScoreMax / profile.topicWeight : -1
        invalidMessageDeliveriesDecay = decay(.seconds(6 * 3600))
    }
}
