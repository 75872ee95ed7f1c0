import Identity
import Ledger
import Sequencer

/// The consensus machine's executor in a node: the ledger executor for validating and
/// committing, with drafts from the node's shared mempool cut to what one gossip message
/// carries, and no drafts at all when the node does not take the sequencer role.
public struct NodeBatchExecutor: BatchExecutor {
    /// Bytes of transaction envelopes one drafted batch may hold: a proposal travels as
    /// one gossip message of at most 1 MiB, which also holds the header, the parent's
    /// certificate and, for a re-proposal, the polka.
    public static let draftByteCountMax = 640 * 1024

    public private(set) var ledgerExecutor: LedgerBatchExecutor
    public let pool: SharedMempool
    /// Whether this node builds batches when it leads.
    public let proposes: Bool

    public init(ledger: LedgerDatabase, account: AccountAddress, pool: SharedMempool, proposes: Bool) throws {
        ledgerExecutor = try LedgerBatchExecutor(ledger: ledger, account: account)
        self.pool = pool
        self.proposes = proposes
    }

    public var head: ChainHead { ledgerExecutor.head }
    public var schedule: ConsensusSchedule { ledgerExecutor.schedule }
    public var ledger: LedgerDatabase { ledgerExecutor.ledger }
    /// Why the last commit failed; the node must stop when it is set.
    public var failure: String? { ledgerExecutor.failure }

    public mutating func draft(height: UInt64, slot: UInt64, time: UInt64) -> BatchDraft? {
        guard proposes, height == head.height + 1, let parameters = try? ledger.parameters() else { return nil }
        let byteLimit = min(Int(clamping: parameters.integer(.batchBytesMax)), Self.draftByteCountMax)
        var candidates = pool.mempool.candidates(limit: Int(clamping: parameters.integer(.batchTransactionsMax)),
                                                 byteLimit: byteLimit)
        var envelopeBytes = 0
        if let cut = candidates.firstIndex(where: { transaction in
            envelopeBytes += transaction.envelopeBytes.count
            return envelopeBytes > Self.draftByteCountMax
        }) {
            candidates.removeSubrange(cut...)
        }
        let chainID = ledgerExecutor.chainID
        guard let built = try? ledger.build(height: height, time: time, leader: ledgerExecutor.account,
                                            candidates: candidates.map { PreverifiedTransaction($0, chainID: chainID) }) else {
            return nil
        }
        return BatchDraft(transactions: built.batch.transactions, stateRoot: built.result.stateRoot)
    }

    public mutating func validate(_ batch: BatchMessage) -> Bool {
        ledgerExecutor.validate(batch)
    }

    public mutating func commit(_ batch: BatchMessage, certificate: FinalityCertificate) {
        ledgerExecutor.commit(batch, certificate: certificate)
        guard ledgerExecutor.failure == nil else { return }
        let ledger = self.ledger
        pool.mempool.update(accountNonces: { (try? ledger.account($0).nonce) ?? 0 }, time: batch.header.body.time)
    }
}
