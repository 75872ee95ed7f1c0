import Foundation
import Store

/// The ledger on SQLite: genesis, applying batches, and the queries the node needs.
///
/// Each batch is one SQLite transaction: the state changes, the state root, the derived
/// tables and the batch record commit together or not at all, so a crash at any instant
/// leaves the last whole batch. Not thread-safe: one owner calls it.
public final class LedgerDatabase {
    /// Pages the write-ahead log grows to before a commit copies it into the database: 256
    /// MiB of 4 KiB pages, a dozen batches of 10,000 transactions. A batch of that size
    /// rewrites most pages of the state table (its keys are spread by hash), so a checkpoint
    /// copies about the whole database however many batches it covers: the longer the log,
    /// the fewer copies (at 64 MiB, every fourth batch paid one, a third of its apply time).
    static let walCheckpointPageCount = 65_536
    /// The page cache of the second connection that reads while a batch commits.
    static let readerPageCacheByteCount = 16 << 20

    let database: Database
    let stateStore: StateStore
    private(set) var chain: ChainRecord?
    /// `stateStore.externalChangeCount` when `chain` was read.
    private var chainReadAtChangeCount = 0
    /// The state every batch and query goes through, keeping the values it read.
    private lazy var state = LedgerState(storage: self)
    /// `stateStore.externalChangeCount` when `state` was last known to agree with storage.
    private var stateReadAtChangeCount = 0
    /// The last batch simulated, which `apply` reuses when it is the batch applied next.
    var lastExecution: LedgerExecution?
    /// The parameters in effect at the state with this root.
    var parametersCache: (root: [UInt8], parameters: LedgerParameters)?
    /// A second connection to the file, for the state machine's reads while a batch commits
    /// in the background; nil when batches commit before `apply` returns.
    let reader: Database?
    /// The time and the scheduled events of the batch last handed to a background commit:
    /// what the schedule table holds once it has committed (`dueEvents(upTo:)`).
    var committingSchedule: (time: UInt64, events: [ScheduledEvent])?
    /// `database.failedBackgroundCommitCount` when the state and the chain record were last
    /// known to agree with the file.
    private var failedCommitsSeen = 0

    /// Opens (creating if needed) the ledger at `path`; `":memory:"` gives a private
    /// in-memory ledger. A connection that `isSoleWriter` (its owner holds the lock every
    /// other writer of the file takes, as a node does) does not check before each read
    /// whether another connection committed; readers beside a writer leave it off.
    ///
    /// A sole writer of a file may `commitInBackground`: each batch's SQLite COMMIT then
    /// runs on a thread of its own while `apply` returns, and the next batch's state machine
    /// runs beside it, reading what it needs through a second connection (the keys the
    /// committing batch wrote are still in memory). Every other use of the database waits
    /// for the commit first. A crash still leaves the last whole batch committed; if a
    /// commit fails, the ledger goes back to the batch before it, and the next call throws.
    public init(path: String, synchronous: Database.Options.Synchronous = .full, isSoleWriter: Bool = false,
                commitInBackground: Bool = false) throws {
        precondition(!commitInBackground || isSoleWriter, "only a sole writer commits in the background")
        do {
            let options = Database.Options(synchronous: synchronous, walAutocheckpointPageCount: Self.walCheckpointPageCount)
            database = try Database(path: path, options: options)
            _ = try LedgerSchema.migrations.apply(to: database)
            stateStore = try StateStore(database: database, cachingValues: false)
            stateStore.watchesOtherWriters = !isSoleWriter
            reader = commitInBackground && path != Database.inMemoryPath
                ? try Database(path: path, options: Database.Options(pageCacheByteCount: Self.readerPageCacheByteCount))
                : nil
        } catch let error as StoreError {
            throw LedgerError.storage("\(path): \(error)")
        }
        chain = try Self.chainRecord(in: stateStore)
    }

    private static func chainRecord(in store: StateStore) throws -> ChainRecord? {
        guard let bytes = try store.value(for: StateKey.chain) else { return nil }
        return try ChainRecord.decodeStored(bytes)
    }

    // MARK: Where the chain stands

    /// Whether genesis has been written.
    public var isInitialized: Bool { currentChain != nil }
    public var chainID: UInt64? { currentChain?.chainID }
    public var genesisHash: [UInt8]? { currentChain?.genesisHash }
    /// The height of the last batch applied (0 after genesis).
    public var height: UInt64 { currentChain?.height ?? 0 }

    /// The chain record, re-read when another connection committed since it was read (a
    /// reader beside the node's writer sees the new head).
    private var currentChain: ChainRecord? {
        recoverFromFailedCommit()
        _ = try? stateStore.refreshIfChangedElsewhere()
        if stateStore.externalChangeCount != chainReadAtChangeCount {
            chain = (try? Self.chainRecord(in: stateStore)) ?? chain
            chainReadAtChangeCount = stateStore.externalChangeCount
        }
        return chain
    }
    /// The slot time of the last batch applied (the genesis time after genesis).
    public var time: UInt64 { currentChain?.time ?? 0 }
    /// The root over all state after the last batch.
    public var stateRoot: [UInt8] {
        _ = try? stateStore.refreshIfChangedElsewhere()
        return stateStore.root
    }

    // MARK: Genesis

    /// Writes `genesis` into an empty ledger, or checks that an existing ledger was
    /// started from the same genesis.
    public func initialize(with genesis: Genesis) throws {
        if let chain {
            guard chain.genesisHash == genesis.hash else {
                throw LedgerError.genesisMismatch("its genesis hash is \(Self.hex(chain.genesisHash)), "
                                                  + "the given genesis has \(Self.hex(genesis.hash))")
            }
            return
        }
        let state = currentState()
        lastExecution = nil
        state.beginBatch()
        do {
            try database.transaction {
                try genesis.write(into: state)
                try commit(state, height: 0, time: genesis.time, leader: nil, outcomes: [], transactions: [])
            }
            state.commitBatch()
        } catch {
            state.discardBatch()
            throw error
        }
        try reloadChain()
    }

    /// The state to read or apply a batch on: emptied first when another connection
    /// committed since it last agreed with storage (a reader beside the node's writer).
    func currentState() -> LedgerState {
        recoverFromFailedCommit()
        _ = try? stateStore.refreshIfChangedElsewhere()
        if stateStore.externalChangeCount != stateReadAtChangeCount && !state.isInBatch {
            state.removeAll()
            stateReadAtChangeCount = stateStore.externalChangeCount
        }
        if state.isOverLimits && database.isCommitPending {
            // The committing batch's keys must stay in memory until the file has them.
            try? database.finishPendingCommit()
            recoverFromFailedCommit()
        }
        state.removeAllIfOverLimits()
        return state
    }

    /// Reads the chain record again after a batch: from the file, or from the state in
    /// memory while the batch commits in the background.
    func reloadChain() throws {
        if database.isCommitPending {
            chain = try currentState().record(ChainRecord.self, at: StateKey.chain)
        } else {
            chain = try Self.chainRecord(in: stateStore)
        }
    }

    /// Waits for the batch committing in the background, if any. When its commit failed,
    /// the ledger is back at the batch before it, and this throws.
    public func finishPendingCommit() throws {
        do {
            try database.finishPendingCommit()
        } catch {
            recoverFromFailedCommit()
            throw LedgerError.storage("committing a batch failed, the ledger is back at height \(height): \(error)")
        }
    }

    /// After a background commit failed (its transaction rolled back), forgets the state
    /// and the chain record kept in memory, which were ahead of the file.
    func recoverFromFailedCommit() {
        guard database.failedBackgroundCommitCount != failedCommitsSeen, !state.isInBatch else { return }
        failedCommitsSeen = database.failedBackgroundCommitCount
        state.removeAll()
        lastExecution = nil
        parametersCache = nil
        committingSchedule = nil
        chain = try? Self.chainRecord(in: stateStore)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
