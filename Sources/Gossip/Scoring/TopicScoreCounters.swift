/// The counters one peer has in one scored topic (go-libp2p-pubsub `topicStats`).
public struct TopicScoreCounters: Sendable, Equatable {
    /// Whether the peer is in our mesh for the topic.
    public internal(set) var isInMesh = false
    /// When the peer was last grafted; meaningful while in the mesh.
    public internal(set) var graftTime: Duration = .zero
    /// Time in the mesh as of the last decay (go updates it in `refreshScores` too).
    public internal(set) var meshTime: Duration = .zero
    /// P2 counter.
    public internal(set) var firstMessageDeliveries = 0.0
    /// P3 counter.
    public internal(set) var meshMessageDeliveries = 0.0
    /// Whether the peer has been in the mesh longer than the P3 activation window.
    public internal(set) var isMeshMessageDeliveriesActive = false
    /// P3b counter.
    public internal(set) var meshFailurePenalty = 0.0
    /// P4 counter.
    public internal(set) var invalidMessageDeliveries = 0.0

    /// The topic's contribution before its topic weight:
    /// `w1·P1 + w2·P2 + w3·P3 + w3b·P3b + w4·P4`.
    func score(_ parameters: TopicScoreParameters) -> Double {
        var score = 0.0
        if isInMesh && parameters.timeInMeshQuantum > .zero {
            let quanta = (meshTime / parameters.timeInMeshQuantum).rounded(.down)
            score += min(quanta, parameters.timeInMeshCap) * parameters.timeInMeshWeight
        }
        score += firstMessageDeliveries * parameters.firstMessageDeliveriesWeight
        if let deficit = meshDeliveryDeficit(parameters) {
            score += deficit * deficit * parameters.meshMessageDeliveriesWeight
        }
        score += meshFailurePenalty * parameters.meshFailurePenaltyWeight
        score += invalidMessageDeliveries * invalidMessageDeliveries * parameters.invalidMessageDeliveriesWeight
        return score
    }

    /// `threshold − meshMessageDeliveries` when P3 is active and the counter is below it.
    func meshDeliveryDeficit(_ parameters: TopicScoreParameters) -> Double? {
        guard isMeshMessageDeliveriesActive,
            meshMessageDeliveries < parameters.meshMessageDeliveriesThreshold
        else { return nil }
        return parameters.meshMessageDeliveriesThreshold - meshMessageDeliveries
    }

    /// Leaving the mesh: a P3 deficit becomes the sticky P3b penalty (spec "P₃b") and P3
    /// stops counting, as rust-libp2p does (`PeerScore::prune`); go leaves P3 active, so
    /// that a pruned peer would pay the same deficit twice until it is grafted again.
    mutating func leaveMesh(_ parameters: TopicScoreParameters) {
        if let deficit = meshDeliveryDeficit(parameters) {
            meshFailurePenalty += deficit * deficit
        }
        isInMesh = false
        isMeshMessageDeliveriesActive = false
    }

    /// One decay interval: counters shrink by their decay and snap to 0 below `decayToZero`;
    /// time in mesh and P3 activation are brought up to `now`.
    mutating func decay(_ parameters: TopicScoreParameters, decayToZero: Double, now: Duration) {
        func decayed(_ value: Double, _ factor: Double) -> Double {
            let result = value * factor
            return result < decayToZero ? 0 : result
        }
        firstMessageDeliveries = decayed(firstMessageDeliveries, parameters.firstMessageDeliveriesDecay)
        meshMessageDeliveries = decayed(meshMessageDeliveries, parameters.meshMessageDeliveriesDecay)
        meshFailurePenalty = decayed(meshFailurePenalty, parameters.meshFailurePenaltyDecay)
        invalidMessageDeliveries = decayed(invalidMessageDeliveries, parameters.invalidMessageDeliveriesDecay)
        if isInMesh {
            meshTime = max(now - graftTime, .zero)
            if meshTime > parameters.meshMessageDeliveriesActivation {
                isMeshMessageDeliveriesActive = true
            }
        }
    }

    /// Counts a first delivery (P2) and, in the mesh, a mesh delivery (P3), each capped.
    mutating func addFirstDelivery(_ parameters: TopicScoreParameters) {
        firstMessageDeliveries = min(firstMessageDeliveries + 1, parameters.firstMessageDeliveriesCap)
        if isInMesh { addMeshDelivery(parameters) }
    }

    /// Counts a mesh delivery (P3), capped.
    mutating func addMeshDelivery(_ parameters: TopicScoreParameters) {
        meshMessageDeliveries = min(meshMessageDeliveries + 1, parameters.meshMessageDeliveriesCap)
    }
}
