import Identity

extension GossipRouter {
    /// Handles one RPC from `peer`: subscriptions, then messages, then control. RPCs from
    /// unknown peers, and from peers scored below the graylist threshold (direct peers
    /// excepted), are ignored.
    public mutating func receive(_ rpc: GossipRPC, from peer: PeerID, now: Duration) -> [GossipRouterAction] {
        guard let state = peers[peer] else {
            statistics.rpcsFromUnknownPeers += 1
            return []
        }
        guard isDirect(peer) || score.score(of: peer) >= configuration.scoreThresholds.graylistThreshold else {
            statistics.graylistedRPCs += 1
            return []
        }
        let rpc = rpc.restricted(to: state.version)
        handleSubscriptions(rpc.subscriptions, from: peer)
        for message in rpc.messages {
            handleMessage(message, from: peer, now: now)
        }
        if let control = rpc.control {
            handleControl(control, from: peer, now: now)
        }
        return flush(now: now)
    }

    /// One published message from `peer`: checks, dedup, validation (synchronous, or held
    /// for an asynchronous validator), delivery, forwarding.
    mutating func handleMessage(_ message: GossipMessage, from peer: PeerID, now: Duration) {
        statistics.messagesReceived += 1
        let topic = message.topic
        guard subscriptions.contains(topic) else {
            statistics.messagesInUnsubscribedTopics += 1
            return
        }
        statistics.topics[topic, default: GossipTopicStatistics()].messagesReceived += 1
        let options = configuration.options(for: topic)
        let id = options.messageIDFunction.messageID(for: message)
        noteReceived(id, from: peer)
        // A held message is seen; the second test covers a seen cache shorter than the
        // validation timeout.
        if seen.contains(id, now: now) || pendingValidations.contains(id) {
            statistics.duplicateMessages += 1
            statistics.topics[topic, default: GossipTopicStatistics()].duplicateMessages += 1
            if pendingValidations.noteCopy(of: id, from: peer) { statistics.duplicatesDuringValidation += 1 }
            score.duplicateMessage(id, topic: topic, from: peer, now: now)
            return
        }
        guard passesChecks(message, id: id, options: options, from: peer, now: now) else { return }
        promises.fulfil(id)
        let validation = validations[topic]
        if case .asynchronous = validation, pendingValidations.isFull {
            // Not marked seen (go-libp2p-pubsub drops it before validation too): a later
            // copy can still be validated once there is room.
            statistics.validationQueueFull += 1
            return
        }
        seen.add(id, now: now)
        score.validateMessage(id, now: now)
        sendIDontWant(for: message, id: id, source: peer)
        switch validation {
        case .asynchronous:
            pendingValidations.add(message, id: id, source: peer, now: now)
            statistics.asynchronousValidations += 1
            pendingActions.append(.validate(message, id, from: peer))
        case .synchronous(let validator):
            finishValidation(of: message, id: id, source: peer, result: validator(message), now: now)
        case nil:
            finishValidation(of: message, id: id, source: peer, result: .accept, now: now)
        }
    }

    /// Size, signing policy and self-origin checks, made before the id is trusted (so a
    /// forged message does not enter the seen cache and shadow the real one).
    private mutating func passesChecks(
        _ message: GossipMessage, id: GossipMessageID, options: GossipTopicOptions, from peer: PeerID, now: Duration
    ) -> Bool {
        let byteCount = message.data?.count ?? 0
        guard byteCount <= options.dataByteCountMax else {
            statistics.oversizedMessages += 1
            score.rejectMessage(id, topic: message.topic, from: peer, reason: .invalidAuthentication, now: now)
            return false
        }
        do {
            _ = try message.verify(policy: options.signingPolicy)
        } catch {
            statistics.invalidSignatureMessages += 1
            score.rejectMessage(id, topic: message.topic, from: peer, reason: .invalidAuthentication, now: now)
            return false
        }
        if let from = message.from, from == localPeer.bytes {
            statistics.selfOriginMessages += 1
            return false
        }
        return true
    }

    /// Tells v1.2 mesh peers other than the source, before validation (gossipsub v1.2),
    /// that we have a message of at least `idontwantThreshold` data bytes.
    mutating func sendIDontWant(for message: GossipMessage, id: GossipMessageID, source: PeerID) {
        guard (message.data?.count ?? 0) >= configuration.idontwantThreshold else { return }
        for peer in Self.sorted(mesh[message.topic] ?? [])
        where peer != source && peers[peer]?.version.allowsIDontWant == true {
            queue(.idontwant(GossipIDontWant(messageIDs: [id])), to: peer)
            statistics.idontwantIDsSent += 1
        }
    }

    /// Forwards a validated message to mesh peers and direct peers on its topic, other than
    /// its source and author, `otherSenders` (who sent copies while it was validated) and
    /// those that sent IDONTWANT for it.
    mutating func forward(
        _ message: GossipMessage, id: GossipMessageID, source: PeerID, otherSenders: Set<PeerID> = [], now: Duration
    ) {
        var targets = mesh[message.topic] ?? []
        if !configuration.directPeers.isEmpty { targets.formUnion(directPeers(on: message.topic)) }
        if !otherSenders.isEmpty { targets.subtract(otherSenders) }
        for peer in Self.sorted(targets) where peer != source && peer.bytes != message.from {
            if peers[peer]?.unwantedIDs[id] != nil {
                statistics.forwardsSuppressedByIDontWant += 1
                continue
            }
            queue(message, id: id, priority: .forwarded, to: peer, now: now)
        }
    }

    /// Remembers that `peer` has message `id` (it sent it to us), when copies wait in its
    /// queue: a queued copy of that message is then not sent. Bounded like IDONTWANT ids.
    mutating func noteReceived(_ id: GossipMessageID, from peer: PeerID) {
        guard outbox.hasQueuedMessages(for: peer), var state = peers[peer],
              state.receivedIDs[id] == nil, state.receivedIDs.count < configuration.idontwantCountMaxPerPeer
        else { return }
        state.receivedIDs[id] = heartbeatCount + UInt64(configuration.idontwantHeartbeats)
        peers[peer] = state
    }
}
