/// What one batch changes: state writes in key order (nil removes a key), each with its
/// record when the batch knew it decoded, and the events it scheduled and the payouts it
/// made, in the order they happened.
struct LedgerChanges {
    struct Write {
        var key: [UInt8]
        var value: [UInt8]?
        var record: (any AnyStateRecordBox)?
    }

    var state: [Write] = []
    var scheduled: [ScheduledEvent] = []
    var payouts: [PayoutEvent] = []
}
