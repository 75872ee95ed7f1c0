/// Delivery records by message id, each kept for a time-to-live from its creation
/// (go-libp2p-pubsub `messageDeliveries`), bounded: when full, the oldest record goes.
struct MessageDeliveryTracker<Peer: Hashable & Sendable, MessageID: Hashable & Sendable>: Sendable {
    let timeToLive: Duration
    let recordCountMax: Int
    let peersPerRecordMax: Int

    private var records: [MessageID: MessageDeliveryRecord<Peer>] = [:]
    private var order = ExpiryQueue<(id: MessageID, expiry: Duration)>()

    init(timeToLive: Duration, recordCountMax: Int, peersPerRecordMax: Int) {
        precondition(recordCountMax > 0 && peersPerRecordMax > 0, "delivery record limits must be positive")
        self.timeToLive = timeToLive
        self.recordCountMax = recordCountMax
        self.peersPerRecordMax = peersPerRecordMax
    }

    var count: Int { records.count }

    /// Runs `body` on the record of `id`, creating it at `now` if there is none.
    mutating func withRecord<Result>(
        _ id: MessageID, now: Duration, _ body: (inout MessageDeliveryRecord<Peer>) -> Result
    ) -> Result {
        if let index = records.index(forKey: id) {
            return body(&records.values[index])
        }
        if records.count >= recordCountMax, let oldest = order.popFirst() {
            records[oldest.id] = nil
        }
        var record = MessageDeliveryRecord<Peer>()
        let result = body(&record)
        records[id] = record
        order.append((id: id, expiry: now + timeToLive))
        return result
    }

    /// Drops the records whose time-to-live has passed at `now`.
    mutating func removeExpired(now: Duration) {
        while let oldest = order.first, oldest.expiry < now {
            order.popFirst()
            records[oldest.id] = nil
        }
    }
}
