import Identity

extension GossipRouter {
    /// The asynchronous validator's verdict on the message held with `id`: accepted, it is
    /// delivered and forwarded (mesh peers that sent copies meanwhile earn mesh deliveries,
    /// P3, and are not sent it back); rejected, its source and every peer that sent a copy earn an invalid delivery
    /// (P4); ignored, it is dropped without penalty. A result for an id not held (it timed
    /// out, or was never asked for) is counted and ignored.
    public mutating func validationResult(
        _ result: GossipValidationResult, for id: GossipMessageID, now: Duration
    ) -> [GossipRouterAction] {
        guard applyValidationResult(result, for: id, now: now) else { return [] }
        return flush(now: now)
    }

    /// Several verdicts at once, in order, as `validationResult(_:for:now:)` gives each;
    /// the forwards they cause leave together, packed into as few RPCs per peer as the
    /// RPC size allows (a validator that finished many messages in one go sends one RPC
    /// per peer instead of one per message).
    public mutating func validationResults(
        _ results: [(result: GossipValidationResult, id: GossipMessageID)], now: Duration
    ) -> [GossipRouterAction] {
        for (result, id) in results { _ = applyValidationResult(result, for: id, now: now) }
        return flush(now: now)
    }

    /// Acts on one verdict; false (and counted) when no message is held with `id`.
    private mutating func applyValidationResult(
        _ result: GossipValidationResult, for id: GossipMessageID, now: Duration
    ) -> Bool {
        guard let entry = pendingValidations.remove(id) else {
            statistics.validationResultsUnknown += 1
            return false
        }
        guard subscriptions.contains(entry.message.topic) else {
            // We left the topic while it was validated: nobody here wants it any more.
            statistics.messagesInUnsubscribedTopics += 1
            score.rejectMessage(id, topic: entry.message.topic, from: entry.source, reason: .ignored, now: now)
            return true
        }
        finishValidation(
            of: entry.message, id: id, source: entry.source, otherSenders: entry.otherSenders, result: result, now: now)
        return true
    }

    /// Acts on a validator's verdict on a new message first received from `source` (and
    /// then from `otherSenders`, which it is not forwarded to).
    mutating func finishValidation(
        of message: GossipMessage, id: GossipMessageID, source: PeerID, otherSenders: Set<PeerID> = [],
        result: GossipValidationResult, now: Duration
    ) {
        let topic = message.topic
        switch result {
        case .accept:
            score.deliverMessage(id, topic: topic, from: source, now: now)
            messageCache.put(id, message: message, topic: topic)
            statistics.messagesDelivered += 1
            statistics.topics[topic, default: GossipTopicStatistics()].messagesDelivered += 1
            pendingActions.append(.deliver(message, id))
            forward(message, id: id, source: source, otherSenders: otherSenders, now: now)
        case .reject:
            statistics.rejectedMessages += 1
            statistics.topics[topic, default: GossipTopicStatistics()].rejectedMessages += 1
            score.rejectMessage(id, topic: topic, from: source, reason: .invalid, now: now)
        case .ignore:
            statistics.ignoredMessages += 1
            statistics.topics[topic, default: GossipTopicStatistics()].ignoredMessages += 1
            score.rejectMessage(id, topic: topic, from: source, reason: .ignored, now: now)
        }
    }

    /// Drops the held messages whose validation outlived `validationTimeout`, as ignored
    /// (go-libp2p-pubsub treats a validator timeout as `ValidationIgnore`).
    mutating func expireValidations(now: Duration) {
        for (id, entry) in pendingValidations.removeExpired(now: now) {
            statistics.validationTimeouts += 1
            score.rejectMessage(id, topic: entry.message.topic, from: entry.source, reason: .ignored, now: now)
        }
    }
}
