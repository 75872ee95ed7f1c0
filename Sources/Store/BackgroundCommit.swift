import CSQLite
import Dispatch

/// A transaction's last writes and its COMMIT, run on a thread of its own
/// (`Database.transaction(committingInBackground:_:)`), and their outcome once they ended.
///
/// While it runs, the connection belongs to that thread: every use of its `Database` from
/// another thread first waits for it (`Database.finishPendingCommit()`), and uses from the
/// work itself (`BackgroundCommit.isCurrentThread`) do not wait.
final class BackgroundCommit: @unchecked Sendable {
    /// The queue every background commit of the process runs on, one after another.
    private static let queue: DispatchQueue = {
        let queue = DispatchQueue(label: "oln.store.background-commit", qos: .userInitiated)
        queue.setSpecific(key: queueKey, value: ())
        return queue
    }()
    private static let queueKey = DispatchSpecificKey<Void>()

    /// Whether the calling thread runs a background commit's work.
    static var isCurrentThread: Bool {
        DispatchQueue.getSpecific(key: queueKey) != nil
    }

    private let done = DispatchSemaphore(value: 0)
    /// Why the work or the COMMIT failed, once `done` was signalled; nil when they succeeded.
    private var failure: StoreError?
    private var hasEnded = false

    /// The work until `start()` hands it to the commit thread, which then holds it alone.
    private var job: UncheckedJob?

    /// Prepares `work` (the transaction's deferred writes), then COMMIT on `connection`,
    /// whose transaction is open; `start()` hands them to the thread. When `work` throws,
    /// nothing is committed.
    init(connection: Connection, work: [() throws -> Void]) {
        job = UncheckedJob(connection: connection, work: work)
    }

    /// Runs the work and the COMMIT on the commit thread. The owner keeps this object
    /// (`Database.pendingCommit`) before it starts, and does not touch the connection
    /// until `wait()` has returned.
    ///
    /// The work's closures hold the batch's rows (tens of thousands of small buffers). Only
    /// the block on the commit thread keeps them, so that thread frees them once the block
    /// ends, after it signalled, while the owner goes on with the next batch (rather than
    /// the owner freeing them when it drops this object).
    func start() {
        guard let job else { preconditionFailure("a background commit starts once") }
        self.job = nil
        Self.queue.async { [self] in
            failure = job.run()
            done.signal()
        }
    }

    /// Waits until the work and the COMMIT have ended and throws their failure, if any.
    /// Called once.
    func wait() throws(StoreError) {
        precondition(!hasEnded, "a background commit is waited for once")
        hasEnded = true
        done.wait()
        if let failure { throw failure }
    }
}

/// What a background commit runs: handed to its thread whole, used by that thread alone.
private struct UncheckedJob: @unchecked Sendable {
    let connection: Connection
    let work: [() throws -> Void]

    func run() -> StoreError? {
        do {
            for write in work { try write() }
        } catch let error as StoreError {
            return error
        } catch {
            return .transactionAborted(reason: "a write deferred to its commit failed: \(error)")
        }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection.handle, "COMMIT", nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            return StoreError.classify(code: code, message: message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code)))
        }
        return nil
    }
}
