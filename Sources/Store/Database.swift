import CSQLite

/// One SQLite connection: statements, a statement cache and transactions.
///
/// A file database runs in WAL mode with `synchronous=FULL` (or NORMAL, see `Options`), foreign
/// keys on and a busy timeout. A transaction run through `transaction(_:)` either commits whole
/// or leaves nothing, also when the process dies half-way.
///
/// Not `Sendable`: a database and its statements are used by one thread (or one actor) only.
/// SQLite is opened without its own locking (`SQLITE_OPEN_NOMUTEX`) for that reason.
public final class Database {
    /// The open connection, shared with the statements prepared on it.
    private let connection: Connection
    /// The path the database was opened at.
    public let path: String
    /// The options the connection was set up with.
    public let options: Options
    /// Prepared statements by SQL text.
    private var statementCache: [String: Statement] = [:]
    /// Those told about each transaction's outcome.
    private var transactionObservers: [WeakTransactionObserver] = []
    /// Whether the body of `transaction(_:)` is running, or its COMMIT in the background.
    public private(set) var isInTransaction = false
    /// The COMMIT handed to another thread, until `finishPendingCommit()` takes it back.
    private var pendingCommit: BackgroundCommit?
    /// The writes the open transaction runs just before it commits (`writeBeforeCommit(_:)`).
    private var deferredWrites: [() throws -> Void] = []
    /// How many COMMITs run in the background failed; each rolled its transaction back.
    public private(set) var failedBackgroundCommitCount = 0

    /// Opens (or creates) the database at `path`; ":memory:" opens a private in-memory database.
    public init(path: String, options: Options = Options()) throws(StoreError) {
        connection = try Connection(path: path)
        self.path = path
        self.options = options
        try configure()
    }

    deinit {
        try? finishPendingCommit()
        for statement in statementCache.values {
            statement.finalize()
        }
    }

    /// Applies the options and the fixed settings to a fresh connection.
    private func configure() throws(StoreError) {
        let milliseconds = options.busyTimeout.components.seconds * 1_000
            + options.busyTimeout.components.attoseconds / 1_000_000_000_000_000
        try connection.check(sqlite3_busy_timeout(connection.handle, Int32(milliseconds)))
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = \(options.synchronous.rawValue)")
        try execute("PRAGMA cache_size = -\(options.pageCacheByteCount / 1_024)")
        try execute("PRAGMA wal_autocheckpoint = \(options.walAutocheckpointPageCount)")
    }

    /// Runs one or more SQL statements that return no rows needed, such as DDL.
    public func execute(_ sql: String) throws(StoreError) {
        try finishPendingCommit()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection.handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            throw StoreError.classify(code: code, message: text)
        }
    }

    /// Prepares one SQL statement, owned by the caller and finalized when released.
    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        try finishPendingCommit()
        return try Statement(connection: connection, sql: sql, persistent: false)
    }

    /// Returns the prepared statement for `sql` from the cache, preparing it on first use.
    ///
    /// The statement comes back reset with its bindings cleared, so two users of the same SQL
    /// text must not interleave (do not run `sql` again while iterating its rows).
    public func cachedStatement(_ sql: String) throws(StoreError) -> Statement {
        try finishPendingCommit()
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try Statement(connection: connection, sql: sql, persistent: true)
        if statementCache.count >= options.statementCacheCountMax {
            statementCache.removeAll()
        }
        statementCache[sql] = statement
        return statement
    }

    /// The number of statements in the statement cache.
    public var cachedStatementCount: Int {
        statementCache.count
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(connection.handle)
    }

    /// The number of rows the last INSERT, UPDATE or DELETE changed.
    public var changes: Int {
        Int(sqlite3_changes64(connection.handle))
    }

    /// The journal mode in force: "wal" for a file database, "memory" for an in-memory one.
    public func journalMode() throws(StoreError) -> String {
        let statement = try cachedStatement("PRAGMA journal_mode")
        defer { statement.reset() }
        return try statement.step() ? statement.text(at: 0) : ""
    }

    /// Registers `observer` to hear about every transaction's outcome; it is held weakly.
    public func addTransactionObserver(_ observer: any TransactionObserver) {
        transactionObservers.removeAll { $0.observer == nil }
        transactionObservers.append(WeakTransactionObserver(observer: observer))
    }

    /// Runs `body` in one write transaction (BEGIN IMMEDIATE … COMMIT) and returns its result.
    ///
    /// If `body` or the commit throws, the transaction is rolled back and the error rethrown.
    /// Transactions do not nest. Observers hear `databaseWillCommit` before COMMIT and
    /// `databaseDidCommit` or `databaseDidRollBack` after.
    @discardableResult
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try transaction(committingInBackground: false, body)
    }

    /// Runs `body` in one write transaction, as `transaction(_:)` does; with
    /// `committingInBackground` (a file database), the writes `body` left to the commit
    /// (`writeBeforeCommit(_:)`) and the COMMIT run on a thread of their own once `body` has
    /// returned and the observers agreed, and this returns at once.
    ///
    /// Until that COMMIT has ended, the connection belongs to it: every use of this database
    /// (a statement, a transaction, `finishPendingCommit()`) first waits for it, and the
    /// observers hear how it ended then, on the waiting thread. Another connection, such as a
    /// reader of the same file, sees the transaction once it has committed. If a deferred
    /// write or the COMMIT fails, the transaction is rolled back, the observers hear `databaseDidRollBack`,
    /// `failedBackgroundCommitCount` grows, and the waiting call throws the error.
    @discardableResult
    public func transaction<Result>(committingInBackground: Bool, _ body: () throws -> Result) throws -> Result {
        try finishPendingCommit()
        precondition(!isInTransaction, "transactions do not nest")
        try cachedStatement("BEGIN IMMEDIATE").run()
        isInTransaction = true
        do {
            let result = try body()
            try commit(inBackground: committingInBackground && path != Self.inMemoryPath)
            return result
        } catch {
            rollBack()
            throw error
        }
    }

    /// Whether a COMMIT runs in the background (`transaction(committingInBackground:_:)`).
    public var isCommitPending: Bool {
        pendingCommit != nil
    }

    /// Waits for the COMMIT running in the background, if any, and tells the observers how
    /// it ended. Throws its error when it failed: the transaction was then rolled back.
    public func finishPendingCommit() throws(StoreError) {
        // The commit's own writes use the connection without waiting for themselves (the
        // commit is stored before it starts, so that thread only reads it here).
        guard let commit = pendingCommit, !BackgroundCommit.isCurrentThread else { return }
        pendingCommit = nil
        do {
            try commit.wait()
        } catch {
            failedBackgroundCommitCount += 1
            rollBack()
            throw error
        }
        didCommit()
    }

    /// The path that opens a private in-memory database.
    public static let inMemoryPath = ":memory:"

    /// Runs `writes` just before the open transaction commits: on the thread that commits it
    /// in the background (`transaction(committingInBackground:_:)`), or on this one. They may
    /// use this database but nothing else that this thread goes on using; when they throw,
    /// the transaction rolls back.
    public func writeBeforeCommit(_ writes: @escaping () throws -> Void) {
        precondition(isInTransaction && pendingCommit == nil, "writeBeforeCommit runs inside a transaction's body")
        deferredWrites.append(writes)
    }

    /// Runs the deferred writes and asks the observers, then commits the open transaction
    /// and tells them; in the background, asks the observers and hands the writes and the
    /// COMMIT to a thread of their own.
    private func commit(inBackground: Bool) throws {
        let writes = deferredWrites
        deferredWrites = []
        if !inBackground {
            for write in writes { try write() }
        }
        for entry in transactionObservers {
            try entry.observer?.databaseWillCommit()
        }
        guard sqlite3_get_autocommit(connection.handle) == 0 else {
            throw StoreError.transactionAborted(reason: "SQLite rolled it back after an earlier error in it.")
        }
        if inBackground {
            let commit = BackgroundCommit(connection: connection, work: writes)
            pendingCommit = commit
            commit.start()
            return
        }
        try cachedStatement("COMMIT").run()
        didCommit()
    }

    private func didCommit() {
        isInTransaction = false
        for entry in transactionObservers {
            entry.observer?.databaseDidCommit()
        }
    }

    /// Rolls back the open transaction, if SQLite has not already, and tells the observers.
    private func rollBack() {
        deferredWrites = []
        if sqlite3_get_autocommit(connection.handle) == 0 {
            sqlite3_exec(connection.handle, "ROLLBACK", nil, nil, nil)
        }
        isInTransaction = false
        for entry in transactionObservers {
            entry.observer?.databaseDidRollBack()
        }
    }
}
