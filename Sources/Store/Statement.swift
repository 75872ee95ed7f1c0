import CSQLite

/// A prepared SQL statement of one `Database`.
///
/// Parameters are bound by 1-based index (`?1`, `?2`, …, as in SQLite); result columns are
/// read by 0-based index. A statement belongs to its database's thread like the database
/// itself. It is finalized when released; a statement from `Database.cachedStatement(_:)`
/// is finalized by the database when the database is released, and must not be used after.
public final class Statement {
    /// The connection the statement was prepared on, kept open while the statement lives.
    private let connection: Connection
    /// The prepared statement; nil once finalized.
    private var handle: OpaquePointer?
    /// The SQL the statement was prepared from.
    public let sql: String

    /// Prepares `sql`, which must hold exactly one SQL statement.
    init(connection: Connection, sql: String, persistent: Bool) throws(StoreError) {
        self.connection = connection
        self.sql = sql
        var prepared: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text in
            let result = sqlite3_prepare_v3(connection.handle, text, -1, flags, &prepared, &tail)
            if let tail, result == SQLITE_OK {
                precondition(String(cString: tail).allSatisfy(\.isWhitespace), "prepare takes one SQL statement: \(sql)")
            }
            return result
        }
        guard code == SQLITE_OK, let prepared else {
            sqlite3_finalize(prepared)
            throw StoreError.sqlite(code: code == SQLITE_OK ? SQLITE_MISUSE : code, database: connection.handle)
        }
        handle = prepared
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Finalizes the statement now; using it afterwards is a programmer error.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    /// The prepared statement, which must not have been finalized.
    private var live: OpaquePointer {
        guard let handle else { preconditionFailure("statement used after its database was closed: \(sql)") }
        return handle
    }

    /// Throws the error for a bind result code unless it is SQLITE_OK.
    private func checkBind(_ code: Int32) throws(StoreError) {
        try connection.check(code)
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int) throws(StoreError) {
        try checkBind(sqlite3_bind_int64(live, Int32(index), value))
    }

    /// Binds a blob to parameter `index` (1-based); an empty array binds an empty blob, not NULL.
    public func bind(_ value: [UInt8], at index: Int) throws(StoreError) {
        try checkBind(value.withUnsafeBytes { bindCode(bytes: $0, at: index) })
    }

    /// Binds a blob to parameter `index` (1-based), or NULL when `value` is nil.
    public func bind(_ value: [UInt8]?, at index: Int) throws(StoreError) {
        if let value {
            try bind(value, at: index)
        } else {
            try bindNull(at: index)
        }
    }

    /// Binds a blob given as raw bytes, which SQLite copies; empty bytes bind an empty blob.
    func bind(bytes: UnsafeRawBufferPointer, at index: Int) throws(StoreError) {
        try checkBind(bindCode(bytes: bytes, at: index))
    }

    /// Binds a blob given as raw bytes and returns SQLite's result code.
    private func bindCode(bytes: UnsafeRawBufferPointer, at index: Int) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return sqlite3_bind_zeroblob(live, Int32(index), 0)
        }
        return sqlite3_bind_blob64(live, Int32(index), base, UInt64(bytes.count), Self.transient)
    }

    /// Binds UTF-8 text to parameter `index` (1-based).
    public func bind(_ value: String, at index: Int) throws(StoreError) {
        let byteCount = UInt64(value.utf8.count)
        let code = value.withCString { text in
            sqlite3_bind_text64(live, Int32(index), text, byteCount, Self.transient, UInt8(SQLITE_UTF8))
        }
        try checkBind(code)
    }

    /// Binds NULL to parameter `index` (1-based).
    public func bindNull(at index: Int) throws(StoreError) {
        try checkBind(sqlite3_bind_null(live, Int32(index)))
    }

    /// Runs the statement to its next row: true when a row is ready to read, false when done.
    ///
    /// On failure the statement is reset, so it can be bound and run again.
    public func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(live)
        switch code {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            let error = StoreError.sqlite(code: code, database: connection.handle)
            sqlite3_reset(live)
            throw error
        }
    }

    /// Runs the statement to completion, ignoring any rows, then resets it (bindings are kept).
    public func run() throws(StoreError) {
        while try step() {}
        sqlite3_reset(live)
    }

    /// Rewinds the statement so it can run again, and clears its bindings to NULL.
    public func reset() {
        sqlite3_reset(live)
        sqlite3_clear_bindings(live)
    }

    /// Calls `body` for each row, then resets the statement (bindings are kept).
    public func forEachRow(_ body: (Statement) throws -> Void) throws {
        defer { sqlite3_reset(live) }
        while try step() {
            try body(self)
        }
    }

    /// The number of columns in a result row.
    public var columnCount: Int {
        Int(sqlite3_column_count(live))
    }

    /// Whether column `column` (0-based) of the current row is NULL.
    public func isNull(at column: Int) -> Bool {
        sqlite3_column_type(live, Int32(column)) == SQLITE_NULL
    }

    /// Column `column` (0-based) of the current row as an integer (0 for NULL).
    public func int64(at column: Int) -> Int64 {
        sqlite3_column_int64(live, Int32(column))
    }

    /// Column `column` (0-based) of the current row as bytes (empty for NULL).
    public func blob(at column: Int) -> [UInt8] {
        withUnsafeBlob(at: column) { [UInt8]($0) }
    }

    /// Calls `body` with column `column` (0-based) of the current row as bytes, without copying;
    /// the bytes are valid only during the call.
    public func withUnsafeBlob<Result>(at column: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let base = sqlite3_column_blob(live, Int32(column))
        let count = Int(sqlite3_column_bytes(live, Int32(column)))
        return try body(UnsafeRawBufferPointer(start: count == 0 ? nil : base, count: count))
    }

    /// Column `column` (0-based) of the current row as text (empty for NULL).
    public func text(at column: Int) -> String {
        guard let base = sqlite3_column_text(live, Int32(column)) else { return "" }
        let count = Int(sqlite3_column_bytes(live, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// SQLITE_TRANSIENT: SQLite copies bound values before the bind call returns.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
