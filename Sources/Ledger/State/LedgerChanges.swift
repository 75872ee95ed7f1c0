/// Writes not yet committed: one set per batch, and one per transaction on top of it, so
/// that a failing transaction's writes vanish while its fee stays paid.
struct LedgerChanges {
    var state: [[UInt8]: [UInt8]?] = [:]
    var scheduled: [ScheduledEvent] = []
    var payouts: [PayoutEvent] = []

    mutating func merge(_ other: LedgerChanges) {
        state.merge(other.state) { _, newer in newer }
        scheduled += other.scheduled
        payouts += other.payouts
    }
}
