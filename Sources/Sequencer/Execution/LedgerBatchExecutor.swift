import Identity
import Ledger
import Wire

/// The consensus machine's executor on the real ledger: drafts batches from the mempool,
/// validates proposals by simulating them, and commits decided batches with their
/// certificates in one SQLite transaction. It keeps the consensus epochs beside the ledger:
/// committing the last height before the latest known epoch computes the epoch after it
/// from the state that batch leaves and stores it in the batch's SQLite transaction, so a
/// restarted node finds exactly the epochs it committed (``ConsensusSchedule``).
///
/// Not thread-safe: the node's loop owns it. A commit that fails (the disk is full, the
/// database is damaged) leaves `failure` set; the node must then stop, since it can no
/// longer follow the chain.
public struct LedgerBatchExecutor: BatchExecutor {
    /// Most validation results kept, for proposals seen again in later rounds.
    public static let validationCacheCountMax = 16

    public let ledger: LedgerDatabase
    public let chainID: UInt64
    /// This node's account: the leader named in the batches it drafts.
    public let account: AccountAddress
    public var mempool: Mempool
    public private(set) var head: ChainHead
    public private(set) var schedule: ConsensusSchedule
    /// Why the last commit failed, if it did.
    public private(set) var failure: String?
    private var validations: [[UInt8]: Bool] = [:]

    /// Restores the head from the ledger's archive (genesis when nothing was committed) and
    /// the schedule from the epochs kept beside it; a ledger at genesis gets epochs 0 and 1
    /// from its state, stored now.
    public init(ledger: LedgerDatabase, account: AccountAddress, mempool: Mempool = Mempool()) throws {
        guard let chainID = ledger.chainID, let genesisHash = ledger.genesisHash else { throw LedgerError.notInitialized }
        self.ledger = ledger
        self.chainID = chainID
        self.account = account
        self.mempool = mempool
        head = try Self.head(of: ledger, genesisHash: genesisHash)
        let (schedule, isStored) = try ConsensusSchedule.stored(in: ledger)
        if !isStored { try ledger.storeConsensusEpochRows(schedule.rows, keepingFrom: 0) }
        self.schedule = schedule
    }

    static func head(of ledger: LedgerDatabase, genesisHash: [UInt8]) throws -> ChainHead {
        guard let last = try ledger.lastArchivedBatch() else { return .genesis(hash: genesisHash) }
        var reader = try ProtobufReader(last.certificate, strictness: .canonical)
        let certificate = try FinalityCertificate(from: &reader)
        return ChainHead(height: last.height, batchHash: last.hash, slot: last.slot, certificate: certificate)
    }

    public mutating func draft(height: UInt64, slot: UInt64, time: UInt64) -> BatchDraft? {
        guard height == head.height + 1, let parameters = try? ledger.parameters() else { return nil }
        let candidates = mempool.candidates(limit: Int(parameters.integer(.batchTransactionsMax)),
                                            byteLimit: Int(parameters.integer(.batchBytesMax)))
            .map { PreverifiedTransaction($0, chainID: chainID) }
        guard let built = try? ledger.build(height: height, time: time, leader: account, candidates: candidates) else {
            return nil
        }
        return BatchDraft(transactions: built.batch.transactions, stateRoot: built.result.stateRoot)
    }

    public mutating func validate(_ batch: BatchMessage) -> Bool {
        let hash = batch.hash
        if let known = validations[hash] { return known }
        let valid = check(batch)
        if validations.count >= Self.validationCacheCountMax { validations.removeAll() }
        validations[hash] = valid
        return valid
    }

    private func check(_ batch: BatchMessage) -> Bool {
        let header = batch.header.body
        guard header.height == head.height + 1, header.parentHash == head.batchHash, header.time >= ledger.time,
              header.transactionsRoot == TransactionsRoot.root(of: batch.transactions) else { return false }
        guard let result = try? ledger.simulate(ledgerBatch(batch)) else { return false }
        return result.stateRoot == header.stateRoot && !result.outcomes.contains { $0.status == "rejected" }
    }

    private func ledgerBatch(_ batch: BatchMessage) -> LedgerBatch {
        let header = batch.header.body
        return LedgerBatch(height: header.height, time: header.time, leader: batch.leader,
                           preverified: batch.transactions.map { PreverifiedTransaction($0, chainID: chainID) })
    }

    public mutating func commit(_ batch: BatchMessage, certificate: FinalityCertificate) {
        let header = batch.header.body
        var writer = ProtobufWriter()
        certificate.encode(to: &writer)
        let archive = ArchivedBatch(height: header.height, hash: batch.hash, slot: header.slot,
                                    message: batch.encoded, certificate: writer.bytes)
        let schedule = self.schedule
        var nextEpoch: ConsensusEpoch?
        let epochs: ((LedgerDatabase) throws -> LedgerDatabase.EpochRows?)? = header.height != schedule.boundaryHeight ? nil : {
            guard let next = try schedule.successor(in: $0) else { return nil }
            nextEpoch = next.epoch
            return next.rows
        }
        do {
            let result = try ledger.apply(ledgerBatch(batch), archiving: archive, epochs: epochs)
            guard result.stateRoot == header.stateRoot else {
                failure = "batch \(header.height) gave state root \(result.stateRoot) instead of \(header.stateRoot)"
                return
            }
        } catch {
            failure = "committing batch \(header.height) failed: \(error)"
            return
        }
        head = ChainHead(height: header.height, batchHash: batch.hash, slot: header.slot, certificate: certificate)
        if let nextEpoch { self.schedule.append(nextEpoch) }
        validations.removeAll()
        let ledger = self.ledger
        mempool.update(accountNonces: { (try? ledger.account($0).nonce) ?? 0 }, time: header.time)
    }
}
