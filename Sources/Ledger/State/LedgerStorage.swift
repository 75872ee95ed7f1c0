/// What the state machine reads from storage: state values and due events. The SQLite
/// database (`LedgerDatabase`) is the one implementation; it reads committed batches only.
protocol LedgerStorage: AnyObject {
    func stateValue(for key: [UInt8]) throws(LedgerError) -> [UInt8]?
    /// Scheduled events with `due ≤ time`, in order.
    func dueEvents(upTo time: UInt64) throws(LedgerError) -> [ScheduledEvent]
}
