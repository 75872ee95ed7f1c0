import Store

/// What one batch changes: state writes in the order first made (nil removes a key), each
/// with its record (and the one it replaced) when the batch knew it decoded, and the events
/// it scheduled and the payouts it made, in the order they happened.
struct LedgerChanges {
    struct Write {
        var key: [UInt8]
        /// The key's bucket in the state store.
        var bucket: Int
        var value: [UInt8]?
        var record: (any AnyStateRecordBox)?
        /// The record the key held before the batch, when the batch had it decoded.
        var previousRecord: (any AnyStateRecordBox)?
    }

    var state: [Write] = []
    var scheduled: [ScheduledEvent] = []
    var payouts: [PayoutEvent] = []

    /// The state writes checked and ordered for `StateStore.apply(_:)`.
    func preparedStateChanges() throws(StoreError) -> PreparedStateChanges {
        try PreparedStateChanges(state.map { StateChange(key: $0.key, value: $0.value, knownBucket: $0.bucket) })
    }
}
