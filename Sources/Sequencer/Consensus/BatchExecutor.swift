/// The state machine behind consensus, supplied by the caller: it builds batches for the
/// leader, judges proposed batches (Tendermint's valid(v)), and applies decided ones.
///
/// The consensus machine checks a batch's structure itself (height, parent hash, a slot
/// after the head's, the slot time, the header signed by the slot's leader, the
/// transactions root, and the parent's certificate); the executor checks the contents:
/// every transaction valid on top of the head, and the state root after them matching the
/// header's. It may execute speculatively and keep the result for `commit`.
///
/// A node that restarts builds its executor from what it committed; the machine reads the
/// head from it.
public protocol BatchExecutor {
    /// The last committed batch.
    var head: ChainHead { get }

    /// The epochs known after the head: they cover the head's height and the next one.
    /// Committing the last height before the schedule's latest epoch adds the epoch after
    /// it (``ConsensusSchedule``), so that every node holds the same sets.
    var schedule: ConsensusSchedule { get }

    /// A batch for `height` in `slot` (its header time is `time`, seconds since 1970) on
    /// top of the head, or nil when this node cannot build one (the round then passes
    /// without its proposal).
    mutating func draft(height: UInt64, slot: UInt64, time: UInt64) -> BatchDraft?

    /// Whether `batch`, whose structure the machine has checked, is valid on top of the head.
    mutating func validate(_ batch: BatchMessage) -> Bool

    /// Applies a decided batch, which `validate` accepted; afterwards `head` is this batch
    /// with `certificate`.
    mutating func commit(_ batch: BatchMessage, certificate: FinalityCertificate)
}
