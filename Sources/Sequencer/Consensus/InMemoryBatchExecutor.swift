import Ledger
import Sodium

/// A deterministic toy state machine for consensus tests and simulations, with no
/// database: the state is a running hash of the transaction ids applied, and a batch is
/// valid when its transactions are new and distinct and its state root is that hash.
///
///     state root after a batch = fold over its ids: root ← BLAKE2b-256(root ‖ id)
///
/// It keeps the whole decided chain in memory (``committed``), which a simulation reads
/// to check that nodes agree and serves to peers that catch up. Its stakes change only by
/// plan: ``EpochPlan`` gives the sets of each epoch computed at a boundary, the same on
/// every node, standing in for the stake transactions of a real ledger.
public struct InMemoryBatchExecutor: BatchExecutor, Sendable {
    /// The sets of the epoch numbered `number`, computed when the height before the epoch
    /// ahead of it commits (see ``ConsensusSchedule``); nil keeps the latest epoch's sets
    /// and length.
    public typealias EpochPlan = @Sendable (_ number: UInt64)
        -> (heightCount: UInt64, validators: ValidatorSet, sequencers: [LeaderSchedule.Member])?

    /// Most transactions waiting to be proposed.
    public static let pendingCountMax = 4_096

    public private(set) var head: ChainHead
    public private(set) var schedule: ConsensusSchedule
    /// The sets of the epochs after the schedule's first ones.
    public let epochPlan: EpochPlan?
    public private(set) var stateRoot: [UInt8]
    /// Every decided batch in height order, with the certificate that decided it.
    public private(set) var committed: [(batch: BatchMessage, certificate: FinalityCertificate)] = []
    /// Transactions offered for proposals, in arrival order, with their ids.
    private var pending: [(id: [UInt8], transaction: SignedTransaction)] = []
    /// Most transactions this node puts in one batch.
    public let transactionsPerBatchMax: Int
    private var appliedIDs: Set<[UInt8]> = []
    private var pendingIDs: Set<[UInt8]> = []

    /// Transactions offered for proposals and not applied yet, in arrival order.
    public var pendingTransactions: [SignedTransaction] { pending.map(\.transaction) }

    /// - Precondition: `genesisHash` and `genesisStateRoot` have 32 bytes; `schedule` starts
    ///   at height 1.
    public init(genesisHash: [UInt8], genesisStateRoot: [UInt8], transactionsPerBatchMax: Int,
                schedule: ConsensusSchedule, epochPlan: EpochPlan? = nil) {
        precondition(genesisHash.count == 32 && genesisStateRoot.count == 32, "hashes have 32 bytes")
        precondition(schedule.epochs[0].firstHeight == 1, "a chain's schedule starts at height 1")
        head = .genesis(hash: genesisHash)
        self.schedule = schedule
        self.epochPlan = epochPlan
        stateRoot = genesisStateRoot
        self.transactionsPerBatchMax = transactionsPerBatchMax
    }

    /// Offers a transaction for this node's proposals; false when it was applied already,
    /// is pending, or the pending list is full.
    @discardableResult
    public mutating func offer(_ transaction: SignedTransaction) -> Bool {
        let id = transaction.id
        guard pending.count < Self.pendingCountMax, !appliedIDs.contains(id), !pendingIDs.contains(id) else { return false }
        pending.append((id, transaction))
        pendingIDs.insert(id)
        return true
    }

    /// The state root after applying `ids` on top of `root`.
    public static func stateRoot(after ids: [[UInt8]], from root: [UInt8]) -> [UInt8] {
        ids.reduce(root) { BLAKE2b256.hash($0 + $1) }
    }

    public mutating func draft(height: UInt64, slot: UInt64, time: UInt64) -> BatchDraft? {
        let chosen = pending.prefix(transactionsPerBatchMax)
        return BatchDraft(transactions: chosen.map(\.transaction), stateRoot: Self.stateRoot(after: chosen.map(\.id), from: stateRoot))
    }

    public mutating func validate(_ batch: BatchMessage) -> Bool {
        let ids = batch.transactions.map(\.id)
        guard Set(ids).count == ids.count, !ids.contains(where: appliedIDs.contains) else { return false }
        return batch.header.body.stateRoot == Self.stateRoot(after: ids, from: stateRoot)
    }

    public mutating func commit(_ batch: BatchMessage, certificate: FinalityCertificate) {
        let ids = batch.transactions.map(\.id)
        precondition(batch.header.body.parentHash == head.batchHash, "a committed batch extends the head")
        stateRoot = Self.stateRoot(after: ids, from: stateRoot)
        precondition(stateRoot == batch.header.body.stateRoot, "a committed batch was validated")
        appliedIDs.formUnion(ids)
        let applied = Set(ids)
        if !applied.isDisjoint(with: pendingIDs) {
            pending.removeAll { applied.contains($0.id) }
            pendingIDs.subtract(applied)
        }
        committed.append((batch, certificate))
        head = ChainHead(height: batch.header.body.height, batchHash: batch.hash, slot: batch.header.body.slot,
                         certificate: certificate)
        if head.height == schedule.boundaryHeight { planNextEpoch() }
    }

    /// Adds the epoch after the latest, with the planned sets.
    private mutating func planNextEpoch() {
        let latest = schedule.latest
        let sets = epochPlan?(latest.number + 1)
            ?? (latest.heightCount, latest.validators, latest.sequencers)
        guard let next = schedule.successor(heightCount: sets.heightCount, validators: sets.validators,
                                            sequencers: sets.sequencers) else { return }
        schedule.append(next)
    }
}
