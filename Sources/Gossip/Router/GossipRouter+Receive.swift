import Identity
import Sodium

extension GossipRouter {
    /// Handles one RPC from `peer`: subscriptions, then messages, then control. RPCs from
    /// unknown peers, and from peers scored below the graylist threshold (direct peers
    /// excepted), are ignored.
    public mutating func receive(_ rpc: GossipRPC, from peer: PeerID, now: Duration) -> [GossipRouterAction] {
        // The version alone, read in place: a copy of the peer's state would retain each of its tables.
        guard let version = peerState(of: peer, { $0.version }) else {
            statistics.rpcsFromUnknownPeers += 1
            return []
        }
        guard isDirect(peer) || score.score(of: peer) >= configuration.scoreThresholds.graylistThreshold else {
            statistics.graylistedRPCs += 1
            return []
        }
        let rpc = rpc.restricted(to: version)
        handleChokeExtension(rpc, from: peer)
        handleSubscriptions(rpc.subscriptions, from: peer, now: now)
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
            repeatChokeIfIgnored(id, topic: topic, by: peer, now: now)
            statistics.duplicateMessages += 1
            statistics.topics[topic, default: GossipTopicStatistics()].duplicateMessages += 1
            if pendingValidations.noteCopy(of: id, from: peer) { statistics.duplicatesDuringValidation += 1 }
            score.duplicateMessage(id, topic: topic, from: peer, now: now)
            measureDelivery(of: id, topic: topic, from: peer, isFirst: false, now: now)
            return
        }
        guard passesChecks(message, id: id, options: options, from: peer, now: now) else { return }
        measureDelivery(of: id, topic: topic, from: peer, isFirst: true, now: now)
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
            try verify(message, policy: options.signingPolicy)
        } catch {
            statistics.invalidSignatureMessages += 1
            score.rejectMessage(id, topic: message.topic, from: peer, reason: .invalidAuthentication, now: now)
            return false
        }
        if let from = message.from, GossipPeerOrder.peer(localPeer, hasBytes: from) {
            statistics.selfOriginMessages += 1
            return false
        }
        return true
    }

    /// Checks `message` against `policy`, skipping the signature check of a message that
    /// `configuration.verifiedMessages` holds and adding one that verifies.
    private func verify(_ message: GossipMessage, policy: GossipSigningPolicy) throws(GossipMessageError) {
        guard let verified = configuration.verifiedMessages, policy == .strictSign else {
            _ = try message.verify(policy: policy)
            return
        }
        let hash = BLAKE2b256.hash(message.protobufBytes)
        guard !verified.contains(hash) else { return }
        _ = try message.verify(policy: policy)
        verified.insert(hash)
    }

    /// Tells v1.2 mesh peers other than the source, before validation (gossipsub v1.2),
    /// that we have a message of at least `idontwantThreshold` data bytes, or of any size
    /// in a topic where we have choked mesh peers. Those are left out: they announce with
    /// IHAVE and send nothing unasked, so only the few unchoked ones get it. (While nobody
    /// is choked, a small mesh for instance, small messages get none, as without choking.)
    mutating func sendIDontWant(for message: GossipMessage, id: GossipMessageID, source: PeerID) {
        let chokedByUs = chokesMeshPeers(in: message.topic) ? chokes.topics[message.topic]?.chokedByUs ?? [] : []
        guard (message.data?.count ?? 0) >= configuration.idontwantThreshold || !chokedByUs.isEmpty else { return }
        for peer in Self.sorted(mesh[message.topic] ?? [])
        where peer != source && !chokedByUs.contains(peer)
            && peers.index(forKey: peer).map({ peers.values[$0].version.allowsIDontWant }) == true {
            queue(.idontwant(GossipIDontWant(messageIDs: [id])), to: peer)
            statistics.idontwantIDsSent += 1
        }
    }

    /// Forwards a validated message to mesh peers and direct peers on its topic, other than
    /// its source and author, `otherSenders` (who sent copies while it was validated) and
    /// those that sent IDONTWANT for it; mesh peers that choked us get an IHAVE for it
    /// instead, at once (lazy push).
    /// Returns how many peers it was meant for: those it was forwarded or announced to, and
    /// those that said they have it.
    @discardableResult
    mutating func forward(
        _ message: GossipMessage, id: GossipMessageID, source: PeerID, otherSenders: Set<PeerID> = [], now: Duration
    ) -> Int {
        var targets = mesh[message.topic] ?? []
        if !configuration.directPeers.isEmpty { targets.formUnion(directPeers(on: message.topic)) }
        if !otherSenders.isEmpty { targets.subtract(otherSenders) }
        let author = message.from
        let chokingUs = chokes.topics[message.topic]?.chokingUs ?? []
        var recipientCount = 0
        for peer in Self.sorted(targets) where peer != source && !(author.map { GossipPeerOrder.peer(peer, hasBytes: $0) } ?? false) {
            recipientCount += 1
            if let index = peers.index(forKey: peer), peers.values[index].unwantedIDs[id] != nil {
                statistics.forwardsSuppressedByIDontWant += 1
                continue
            }
            if chokingUs.contains(peer) {
                queue(.ihave(GossipIHave(topic: message.topic, messageIDs: [id])), to: peer)
                statistics.lazyPushes += 1
                continue
            }
            queue(message, id: id, priority: .forwarded, to: peer, now: now)
        }
        if recipientCount == 0 && otherSenders.isEmpty {
            noteUnforwarded(id, topic: message.topic, source: source)
        }
        return recipientCount
    }

    /// Remembers a message that reached no peer, for `forwardUnforwarded(topic:now:)`;
    /// at most `unforwardedCountMax` per topic: when full, the older half is dropped.
    mutating func noteUnforwarded(_ id: GossipMessageID, topic: String, source: PeerID) {
        var waiting = unforwarded.removeValue(forKey: topic) ?? []
        if waiting.count >= Self.unforwardedCountMax { waiting.removeFirst(Self.unforwardedCountMax / 2) }
        waiting.append((id, source))
        unforwarded[topic] = waiting
    }

    /// The most messages per topic kept for forwarding again (`unforwarded`).
    static var unforwardedCountMax: Int { 1_024 }

    /// Forwards again the messages of `topic` that reached no peer, once its mesh has a peer
    /// other than their source; drops those the message cache no longer holds.
    mutating func forwardUnforwarded(topic: String, now: Duration) {
        guard let waiting = unforwarded[topic] else { return }
        let meshPeers = mesh[topic] ?? []
        var kept: [(id: GossipMessageID, source: PeerID)] = []
        for entry in waiting {
            guard let message = messageCache.get(entry.id) else { continue }
            if meshPeers.subtracting([entry.source]).isEmpty {
                kept.append(entry)
            } else if forward(message, id: entry.id, source: entry.source, otherSenders: [entry.source], now: now) > 0 {
                statistics.forwardedAfterMeshFilled += 1
            }
        }
        unforwarded[topic] = kept.isEmpty ? nil : kept
    }

    /// Remembers that `peer` has message `id` (it sent it to us), when copies wait in its
    /// queue: a queued copy of that message is then not sent. Bounded like IDONTWANT ids.
    mutating func noteReceived(_ id: GossipMessageID, from peer: PeerID) {
        // In place: a copy of the peer's state would copy its whole table on the write.
        guard outbox.hasQueuedMessages(for: peer), let index = peers.index(forKey: peer),
              peers.values[index].receivedIDs[id] == nil,
              peers.values[index].receivedIDs.count < configuration.idontwantCountMaxPerPeer
        else { return }
        peers.values[index].receivedIDs[id] = heartbeatCount + UInt64(configuration.idontwantHeartbeats)
    }
}
