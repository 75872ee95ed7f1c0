/// The gossipsub v1.1 peer score (gossipsub-v1.1.md "Peer Scoring"), sans-IO: the router
/// reports events (peers, mesh changes, message deliveries, penalties) with `now`, calls
/// `decay(now:)` every `parameters.decayInterval`, and reads `score(of:)`.
///
/// Follows go-libp2p-pubsub `score.go`: scores of disconnected peers are retained for
/// `retainScore` only when not positive, and are not decayed meanwhile; time in mesh and
/// P3 activation advance at each decay. Parameters are expected to have passed
/// `validate()`; the score stays finite for any validated parameters.
public struct PeerScore<Peer: Hashable & Sendable, MessageID: Hashable & Sendable>: Sendable {
    /// Peers tracked at once, retained ones included.
    public static var peerCountMaxDefault: Int { 8_192 }
    /// Delivery records kept at once: 2 minutes at about 1,000 messages a second.
    public static var deliveryRecordCountMaxDefault: Int { 131_072 }
    /// Peers remembered per delivery record: more than a mesh (D_hi 12) plus gossip peers.
    public static var deliveryRecordPeerCountMaxDefault: Int { 64 }
    /// Addresses counted for P6 per peer.
    public static var addressesPerPeerMaxDefault: Int { 8 }

    /// The parameters in force; topics can be changed with `setTopicParameters`.
    public private(set) var parameters: PeerScoreParameters
    /// The most peers tracked at once.
    public let peerCountMax: Int
    /// The most addresses of one peer counted for P6.
    public let addressesPerPeerMax: Int

    var records: [Peer: PeerScoreRecord] = [:]
    var peersByColocationKey: [ColocationKey: Set<Peer>] = [:]
    var deliveries: MessageDeliveryTracker<Peer, MessageID>

    public init(
        parameters: PeerScoreParameters,
        peerCountMax: Int = peerCountMaxDefault,
        deliveryRecordCountMax: Int = deliveryRecordCountMaxDefault,
        deliveryRecordPeerCountMax: Int = deliveryRecordPeerCountMaxDefault,
        addressesPerPeerMax: Int = addressesPerPeerMaxDefault
    ) {
        precondition(peerCountMax > 0 && addressesPerPeerMax >= 0, "score limits must be positive")
        self.parameters = parameters
        self.peerCountMax = peerCountMax
        self.addressesPerPeerMax = addressesPerPeerMax
        self.deliveries = MessageDeliveryTracker(
            timeToLive: parameters.deliveryRecordTimeToLive,
            recordCountMax: deliveryRecordCountMax,
            peersPerRecordMax: deliveryRecordPeerCountMax)
    }

    /// The score of `peer`; 0 for a peer not tracked.
    public func score(of peer: Peer) -> Double {
        guard let record = records[peer] else { return 0 }
        var score = 0.0
        for (topic, counters) in record.topics {
            guard let topicParameters = parameters.topics[topic] else { continue }
            score += counters.score(topicParameters) * topicParameters.topicWeight
        }
        if parameters.topicScoreCap > 0 && score > parameters.topicScoreCap {
            score = parameters.topicScoreCap
        }
        score += record.applicationScore * parameters.applicationScoreWeight
        score += colocationFactor(of: record) * parameters.ipColocationFactorWeight
        if record.behaviourPenalty > parameters.behaviourPenaltyThreshold {
            let excess = record.behaviourPenalty - parameters.behaviourPenaltyThreshold
            score += excess * excess * parameters.behaviourPenaltyWeight
        }
        return score
    }

    /// P6 before its weight: `Σ (peersAtKey − threshold)²` over the peer's keys where above.
    func colocationFactor(of record: PeerScoreRecord) -> Double {
        var factor = 0.0
        for key in record.colocationKeys {
            let surplus = (peersByColocationKey[key]?.count ?? 0) - parameters.ipColocationFactorThreshold
            if surplus > 0 { factor += Double(surplus) * Double(surplus) }
        }
        return factor
    }

    /// Whether `peer` is tracked (connected, or disconnected with a retained score).
    public func isTracking(_ peer: Peer) -> Bool { records[peer] != nil }

    /// Whether `peer` is tracked as connected.
    public func isConnected(_ peer: Peer) -> Bool { records[peer]?.isConnected ?? false }

    /// The number of peers tracked, retained ones included.
    public var peerCount: Int { records.count }

    /// The counters of `peer` in `topic`, if it has any there.
    public func counters(of peer: Peer, topic: String) -> TopicScoreCounters? {
        records[peer]?.topics[topic]
    }

    /// The P7 counter of `peer`.
    public func behaviourPenalty(of peer: Peer) -> Double {
        records[peer]?.behaviourPenalty ?? 0
    }

    /// Replaces the parameters of `topic` (go `SetTopicScoreParams`); lower caps are applied
    /// to the counters at once.
    /// - Precondition: the new parameters passed `validate()`.
    public mutating func setTopicParameters(_ topicParameters: TopicScoreParameters, for topic: String) {
        precondition((try? topicParameters.validate()) != nil, "topic score parameters must be valid")
        parameters.topics[topic] = topicParameters
        for peer in records.keys {
            guard var counters = records[peer]?.topics[topic] else { continue }
            counters.firstMessageDeliveries = min(counters.firstMessageDeliveries, topicParameters.firstMessageDeliveriesCap)
            counters.meshMessageDeliveries = min(counters.meshMessageDeliveries, topicParameters.meshMessageDeliveriesCap)
            records[peer]?.topics[topic] = counters
        }
    }
}
