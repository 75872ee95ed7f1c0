import CSQLite

/// The `sqlite3` handle, shared by a `Database` and its statements.
///
/// The handle is closed when the last of them lets go of it, so a statement that outlives its
/// `Database` never touches a closed connection.
final class Connection {
    /// The open handle.
    let handle: OpaquePointer

    /// SQLite set up once, before the first connection: without its memory statistics,
    /// which nothing reads and which take a process-wide mutex on every allocation (a few
    /// percent of a batch's commit). A no-op when something else initialized SQLite first.
    private static let configured: Void = {
        _ = oln_sqlite3_disable_memory_statistics()
    }()

    /// Opens (or creates) the database at `path`, ":memory:" for a private in-memory one.
    init(path: String) throws(StoreError) {
        Self.configured
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let error = StoreError.sqlite(code: code, database: opened)
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Throws the error for `code` unless it is SQLITE_OK.
    func check(_ code: Int32) throws(StoreError) {
        guard code == SQLITE_OK else {
            throw StoreError.sqlite(code: code, database: handle)
        }
    }
}
