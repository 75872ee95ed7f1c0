import Identity

extension GossipRouter {
    /// Publishes `data` on `topic` with sequence number `seqno` (signed with `identity`
    /// under strictSign; `seqno` is unused under strictNoSign). With flood publish the
    /// message goes to every peer on the topic whose score reaches the publish threshold;
    /// otherwise to the mesh, or to the topic's fanout when we are not subscribed; direct
    /// peers on the topic always get it.
    /// Our own messages are not handed back as `.deliver`.
    /// - Precondition: `identity` is set when the topic's policy is strictSign.
    public mutating func publish(
        _ data: [UInt8], topic: String, seqno: UInt64, now: Duration
    ) throws(GossipPublishError) -> (id: GossipMessageID, actions: [GossipRouterAction]) {
        let id = try queuePublished(data, topic: topic, seqno: seqno, now: now)
        return (id, flush(now: now))
    }

    /// Publishes several messages on `topic`, as `publish` does each (`firstSeqno`,
    /// `firstSeqno + 1`, …), and lets them leave together, packed into as few RPCs per peer
    /// as the RPC size allows. Returns each message's id or why it was refused.
    public mutating func publish(
        _ messages: [[UInt8]], topic: String, firstSeqno: UInt64, now: Duration
    ) -> (results: [Result<GossipMessageID, GossipPublishError>], actions: [GossipRouterAction]) {
        var results: [Result<GossipMessageID, GossipPublishError>] = []
        results.reserveCapacity(messages.count)
        for (offset, data) in messages.enumerated() {
            let seqno = firstSeqno &+ UInt64(offset)
            results.append(Result { () throws(GossipPublishError) in
                try queuePublished(data, topic: topic, seqno: seqno, now: now)
            })
        }
        return (results, flush(now: now))
    }

    /// Records one message of ours and queues it for its publish targets.
    private mutating func queuePublished(
        _ data: [UInt8], topic: String, seqno: UInt64, now: Duration
    ) throws(GossipPublishError) -> GossipMessageID {
        let options = configuration.options(for: topic)
        guard data.count <= options.dataByteCountMax else {
            throw .dataTooLarge(byteCount: data.count, limit: options.dataByteCountMax)
        }
        var message = GossipMessage(data: data, topic: topic)
        if options.signingPolicy == .strictSign {
            guard let identity else { preconditionFailure("strictSign topics need an identity to publish") }
            message = message.signed(by: identity, seqno: seqno)
        }
        let id = options.messageIDFunction.messageID(for: message)
        guard seen.add(id, now: now) else { throw .duplicate(id) }
        messageCache.put(id, message: message, topic: topic)
        statistics.messagesPublished += 1
        statistics.topics[topic, default: GossipTopicStatistics()].messagesPublished += 1
        for peer in publishTargets(topic: topic, now: now) {
            queue(message, id: id, priority: .published, to: peer, now: now)
        }
        return id
    }

    /// The peers a message we publish on `topic` goes to: the direct peers on the topic,
    /// plus (flood publishing) every peer on it above the publish threshold, or the mesh,
    /// or the fanout when we are not subscribed.
    mutating func publishTargets(topic: String, now: Duration) -> [PeerID] {
        let threshold = configuration.scoreThresholds.publishThreshold
        let direct = directPeers(on: topic)
        if configuration.floodPublish {
            return Self.sorted(peersByTopic[topic] ?? []).filter { direct.contains($0) || score.score(of: $0) >= threshold }
        }
        if subscriptions.contains(topic) {
            return Self.sorted((mesh[topic] ?? []).union(direct))
        }
        if (fanout[topic] ?? []).isEmpty {
            let candidates = shuffled(peersByTopic[topic] ?? []).filter { !isDirect($0) && score.score(of: $0) >= threshold }
            fanout[topic] = Set(candidates.prefix(configuration.meshDegree))
        }
        fanoutLastPublished[topic] = now
        return Self.sorted((fanout[topic] ?? []).union(direct))
    }
}
