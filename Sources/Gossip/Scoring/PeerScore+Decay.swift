extension PeerScore {
    /// One decay interval has passed (call every `parameters.decayInterval`, go
    /// `refreshScores`): counters of connected peers decay and snap to 0 below
    /// `decayToZero`, time in mesh and P3 activation catch up with `now`, retained scores
    /// past `retainScore` are dropped, and expired delivery records are removed.
    /// Retained scores do not decay, so that reconnecting does not wash a penalty out.
    public mutating func decay(now: Duration) {
        var expired: [Peer] = []
        for (peer, record) in records {
            if !record.isConnected {
                if now > record.expiry { expired.append(peer) }
                continue
            }
            records[peer] = decayed(record, now: now)
        }
        for peer in expired {
            forget(peer)
        }
        deliveries.removeExpired(now: now)
    }

    private func decayed(_ record: PeerScoreRecord, now: Duration) -> PeerScoreRecord {
        var record = record
        for (topic, counters) in record.topics {
            guard let topicParameters = parameters.topics[topic] else { continue }
            var updated = counters
            updated.decay(topicParameters, decayToZero: parameters.decayToZero, now: now)
            record.topics[topic] = updated
        }
        record.behaviourPenalty *= parameters.behaviourPenaltyDecay
        if record.behaviourPenalty < parameters.decayToZero {
            record.behaviourPenalty = 0
        }
        return record
    }
}
