/// One consensus epoch's record as the sequencer keeps it beside the ledger: its number
/// and the bytes of its sets. The ledger stores the bytes without reading them (the
/// sequencer defines their format), in the SQLite transaction of the batch whose state
/// they were computed from, so that a restart finds exactly the epochs it committed.
public struct ConsensusEpochRow: Sendable, Equatable {
    public var number: UInt64
    public var record: [UInt8]

    public init(number: UInt64, record: [UInt8]) {
        self.number = number
        self.record = record
    }
}
