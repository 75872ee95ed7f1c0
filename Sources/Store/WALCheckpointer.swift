import Dispatch
import Foundation

/// Copies a database's write-ahead log back into the database file on a thread of its
/// own, so that the writer never waits for a checkpoint.
///
/// SQLite's own checkpoint runs inside the commit that finds the log past
/// `wal_autocheckpoint` pages, and with a large log (the ledger lets it reach 256 MiB) that
/// commit then takes hundreds of milliseconds more. The writer reports each commit
/// (`databaseDidCommit`, as a `TransactionObserver` of its `Database`); this thread then
/// runs `PRAGMA wal_checkpoint(PASSIVE)` on a second connection, which copies what is
/// not yet copied without blocking the writer or readers. Once everything is copied the
/// writer starts the log over at its next transaction, so the log stays about one batch
/// long, and the writer's own automatic checkpoint only runs if this one falls behind.
public final class WALCheckpointer: TransactionObserver, @unchecked Sendable {
    /// The database file.
    public let path: String
    private let work = CheckpointWork()

    /// Starts the thread, which opens its own connection to `path` (a file database in WAL
    /// mode) with `options`.
    public init(path: String, options: Database.Options) {
        self.path = path
        let work = self.work
        let thread = Thread { work.run(path: path, options: options) }
        thread.name = "oln WAL checkpoint"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Checkpoints finished, and those that failed (a failure is retried at the next commit).
    public var statistics: (checkpoints: Int, failures: Int) { work.counts }

    /// Stops the thread after the checkpoint in progress, if any, and waits for it. Idempotent.
    public func stop() {
        work.stop()
    }

    /// Asks for a checkpoint after the commit; several asked while one runs make one more.
    public func databaseDidCommit() {
        work.ask()
    }

    public func databaseWillCommit() throws {}

    public func databaseDidRollBack() {}
}

/// What the checkpoint thread and its owner share: the requests and the counts.
private final class CheckpointWork: @unchecked Sendable {
    private let condition = NSCondition()
    private var isPending = false
    private var isStopping = false
    private var storedCounts = (checkpoints: 0, failures: 0)
    private let finished = DispatchSemaphore(value: 0)

    var counts: (checkpoints: Int, failures: Int) {
        condition.lock()
        defer { condition.unlock() }
        return storedCounts
    }

    func ask() {
        condition.lock()
        isPending = true
        condition.signal()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        let first = !isStopping
        isStopping = true
        condition.signal()
        condition.unlock()
        if first { finished.wait() }
    }

    /// The thread's body: a checkpoint for each request until stopped.
    func run(path: String, options: Database.Options) {
        defer { finished.signal() }
        let database = try? Database(path: path, options: options)
        while waitForWork() {
            let succeeded = (try? database.map(Self.checkpoint)) == true
            condition.lock()
            if succeeded { storedCounts.checkpoints += 1 } else { storedCounts.failures += 1 }
            condition.unlock()
        }
    }

    /// Waits until a checkpoint is asked for (true) or the work stops (false).
    private func waitForWork() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !isPending && !isStopping { condition.wait() }
        guard !isStopping else { return false }
        isPending = false
        return true
    }

    /// Runs one passive checkpoint; false when SQLite reports it could not run.
    private static func checkpoint(_ database: Database) throws -> Bool {
        let statement = try database.prepare("PRAGMA wal_checkpoint(PASSIVE)")
        guard try statement.step() else { return false }
        return statement.int64(at: 0) == 0
    }
}
