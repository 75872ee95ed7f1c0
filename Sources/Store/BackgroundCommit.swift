import CSQLite
import Dispatch

/// One COMMIT running on a thread of its own (`Database.transaction(committingInBackground:_:)`),
/// and its outcome once it has ended.
///
/// While it runs, its `Database` is not touched by any other thread: every use of the
/// connection first waits for it (`Database.finishPendingCommit()`).
final class BackgroundCommit: @unchecked Sendable {
    /// The queue every background commit of the process runs on, one after another.
    private static let queue = DispatchQueue(label: "oln.store.background-commit", qos: .userInitiated)

    private let connection: Connection
    private let done = DispatchSemaphore(value: 0)
    /// SQLite's result code and message, once `done` was signalled.
    private var outcome: (code: Int32, message: String?) = (SQLITE_OK, nil)
    private var hasEnded = false

    /// Starts COMMIT on `connection`, whose transaction is open and whose owner does not
    /// touch it until `wait()` has returned.
    init(connection: Connection) {
        self.connection = connection
        Self.queue.async { [self] in
            var message: UnsafeMutablePointer<CChar>?
            let code = sqlite3_exec(self.connection.handle, "COMMIT", nil, nil, &message)
            outcome = (code, message.map { String(cString: $0) })
            sqlite3_free(message)
            done.signal()
        }
    }

    /// Waits until the COMMIT has ended and throws its error, if any. Called once.
    func wait() throws(StoreError) {
        precondition(!hasEnded, "a background commit is waited for once")
        hasEnded = true
        done.wait()
        guard outcome.code == SQLITE_OK else {
            throw StoreError.classify(code: outcome.code, message: outcome.message ?? String(cString: sqlite3_errstr(outcome.code)))
        }
    }
}
