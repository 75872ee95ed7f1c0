/// The score parameters of one topic (gossipsub-v1.1.md "Topic Parameter Calculation and
/// Decay"; go-libp2p-pubsub `TopicScoreParams`). A weight of 0 switches its component off.
public struct TopicScoreParameters: Sendable, Equatable {
    /// How much this topic counts in the peer's score; at least 0.
    public var topicWeight: Double

    /// P1, time in mesh: `min(⌊timeInMesh / quantum⌋, cap)`; weight at least 0.
    public var timeInMeshWeight: Double
    public var timeInMeshQuantum: Duration
    public var timeInMeshCap: Double

    /// P2, first message deliveries: a counter capped at `cap`, multiplied by `decay`
    /// every decay interval; weight at least 0.
    public var firstMessageDeliveriesWeight: Double
    public var firstMessageDeliveriesDecay: Double
    public var firstMessageDeliveriesCap: Double

    /// P3, mesh message deliveries: first and near-first deliveries (within `window` of
    /// validation) by a mesh peer, capped and decaying; once the peer has been in the mesh
    /// longer than `activation`, a counter below `threshold` scores `(threshold − counter)²`.
    /// Weight at most 0.
    public var meshMessageDeliveriesWeight: Double
    public var meshMessageDeliveriesDecay: Double
    public var meshMessageDeliveriesCap: Double
    public var meshMessageDeliveriesThreshold: Double
    public var meshMessageDeliveriesWindow: Duration
    public var meshMessageDeliveriesActivation: Duration

    /// P3b, sticky mesh failure penalty: the P3 deficit² added when the peer leaves the
    /// mesh, decaying; weight at most 0.
    public var meshFailurePenaltyWeight: Double
    public var meshFailurePenaltyDecay: Double

    /// P4, invalid messages: `counter²`, decaying; weight at most 0.
    public var invalidMessageDeliveriesWeight: Double
    public var invalidMessageDeliveriesDecay: Double

    /// Every component off by default; `validate()` still asks for a P4 decay and a
    /// positive time-in-mesh quantum, as go does.
    public init(
        topicWeight: Double = 0,
        timeInMeshWeight: Double = 0, timeInMeshQuantum: Duration = .seconds(1), timeInMeshCap: Double = 0,
        firstMessageDeliveriesWeight: Double = 0, firstMessageDeliveriesDecay: Double = 0,
        firstMessageDeliveriesCap: Double = 0,
        meshMessageDeliveriesWeight: Double = 0, meshMessageDeliveriesDecay: Double = 0,
        meshMessageDeliveriesCap: Double = 0, meshMessageDeliveriesThreshold: Double = 0,
        meshMessageDeliveriesWindow: Duration = .zero, meshMessageDeliveriesActivation: Duration = .zero,
        meshFailurePenaltyWeight: Double = 0, meshFailurePenaltyDecay: Double = 0,
        invalidMessageDeliveriesWeight: Double = 0, invalidMessageDeliveriesDecay: Double = 0
    ) {
        self.topicWeight = topicWeight
        self.timeInMeshWeight = timeInMeshWeight
        self.timeInMeshQuantum = timeInMeshQuantum
        self.timeInMeshCap = timeInMeshCap
        self.firstMessageDeliveriesWeight = firstMessageDeliveriesWeight
        self.firstMessageDeliveriesDecay = firstMessageDeliveriesDecay
        self.firstMessageDeliveriesCap = firstMessageDeliveriesCap
        self.meshMessageDeliveriesWeight = meshMessageDeliveriesWeight
        self.meshMessageDeliveriesDecay = meshMessageDeliveriesDecay
        self.meshMessageDeliveriesCap = meshMessageDeliveriesCap
        self.meshMessageDeliveriesThreshold = meshMessageDeliveriesThreshold
        self.meshMessageDeliveriesWindow = meshMessageDeliveriesWindow
        self.meshMessageDeliveriesActivation = meshMessageDeliveriesActivation
        self.meshFailurePenaltyWeight = meshFailurePenaltyWeight
        self.meshFailurePenaltyDecay = meshFailurePenaltyDecay
        self.invalidMessageDeliveriesWeight = invalidMessageDeliveriesWeight
        self.invalidMessageDeliveriesDecay = invalidMessageDeliveriesDecay
    }

    /// Checks every value as go-libp2p-pubsub's atomic validation does: signs of weights,
    /// decays strictly between 0 and 1, positive caps and thresholds where the component is
    /// on, finite numbers everywhere.
    public func validate() throws(PeerScoreParameterError) {
        typealias Check = ScoreParameterCheck
        try Check.require(topicWeight.isFinite && topicWeight >= 0, "topicWeight", "a finite number ≥ 0")
        try validateTimeInMesh()
        try validateFirstMessageDeliveries()
        try validateMeshMessageDeliveries()
        try Check.require(
            meshFailurePenaltyWeight.isFinite && meshFailurePenaltyWeight <= 0,
            "meshFailurePenaltyWeight", "a finite number ≤ 0")
        try Check.require(
            meshFailurePenaltyWeight == 0 || Check.isDecay(meshFailurePenaltyDecay),
            "meshFailurePenaltyDecay", "between 0 and 1 (exclusive)")
        try Check.require(
            invalidMessageDeliveriesWeight.isFinite && invalidMessageDeliveriesWeight <= 0,
            "invalidMessageDeliveriesWeight", "a finite number ≤ 0")
        try Check.require(
            Check.isDecay(invalidMessageDeliveriesDecay), "invalidMessageDeliveriesDecay",
            "between 0 and 1 (exclusive)")
    }

    private func validateTimeInMesh() throws(PeerScoreParameterError) {
        typealias Check = ScoreParameterCheck
        try Check.require(timeInMeshQuantum > .zero, "timeInMeshQuantum", "positive")
        try Check.require(timeInMeshWeight.isFinite && timeInMeshWeight >= 0, "timeInMeshWeight", "a finite number ≥ 0")
        try Check.require(
            timeInMeshWeight == 0 || (timeInMeshCap.isFinite && timeInMeshCap > 0),
            "timeInMeshCap", "a finite number > 0")
    }

    private func validateFirstMessageDeliveries() throws(PeerScoreParameterError) {
        typealias Check = ScoreParameterCheck
        let weight = firstMessageDeliveriesWeight
        try Check.require(weight.isFinite && weight >= 0, "firstMessageDeliveriesWeight", "a finite number ≥ 0")
        guard weight != 0 else { return }
        try Check.require(
            Check.isDecay(firstMessageDeliveriesDecay), "firstMessageDeliveriesDecay", "between 0 and 1 (exclusive)")
        try Check.require(
            firstMessageDeliveriesCap.isFinite && firstMessageDeliveriesCap > 0,
            "firstMessageDeliveriesCap", "a finite number > 0")
    }

    private func validateMeshMessageDeliveries() throws(PeerScoreParameterError) {
        typealias Check = ScoreParameterCheck
        let weight = meshMessageDeliveriesWeight
        try Check.require(weight.isFinite && weight <= 0, "meshMessageDeliveriesWeight", "a finite number ≤ 0")
        try Check.require(meshMessageDeliveriesWindow >= .zero, "meshMessageDeliveriesWindow", "not negative")
        guard weight != 0 else { return }
        try Check.require(
            Check.isDecay(meshMessageDeliveriesDecay), "meshMessageDeliveriesDecay", "between 0 and 1 (exclusive)")
        try Check.require(
            meshMessageDeliveriesCap.isFinite && meshMessageDeliveriesCap > 0,
            "meshMessageDeliveriesCap", "a finite number > 0")
        try Check.require(
            meshMessageDeliveriesThreshold.isFinite && meshMessageDeliveriesThreshold > 0,
            "meshMessageDeliveriesThreshold", "a finite number > 0")
        try Check.require(
            meshMessageDeliveriesActivation >= .seconds(1), "meshMessageDeliveriesActivation", "at least 1 s")
    }
}
