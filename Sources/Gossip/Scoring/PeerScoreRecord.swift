/// Everything the score keeps about one peer (go-libp2p-pubsub `peerStats`).
struct PeerScoreRecord: Sendable {
    /// False while the record is only retained after a disconnect.
    var isConnected = true
    /// When a retained record is dropped; meaningful while disconnected.
    var expiry: Duration = .zero
    /// Counters per scored topic; created on the first event in a scored topic.
    var topics: [String: TopicScoreCounters] = [:]
    /// The colocation keys of the peer's current addresses (whitelisted ones left out).
    var colocationKeys: [ColocationKey] = []
    /// P7 counter.
    var behaviourPenalty = 0.0
    /// P5 value, as last set by the application.
    var applicationScore = 0.0
}
