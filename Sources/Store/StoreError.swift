import CSQLite

/// What went wrong in the database layer, with what an operator can do about it.
///
/// SQLite failures carry the extended result code and SQLite's own message; `description`
/// adds one sentence of advice for the operator.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database is locked by another connection or process (SQLITE_BUSY, SQLITE_LOCKED).
    case busy(code: Int32, message: String)
    /// The file is damaged or is not a database at all (SQLITE_CORRUPT, SQLITE_NOTADB).
    case corrupt(code: Int32, message: String)
    /// The disk or the database's size limit is full (SQLITE_FULL).
    case full(code: Int32, message: String)
    /// The file or its directory cannot be written (SQLITE_READONLY, SQLITE_PERM).
    case readOnly(code: Int32, message: String)
    /// The file could not be opened or created (SQLITE_CANTOPEN).
    case cannotOpen(code: Int32, message: String)
    /// Reading or writing the file failed (SQLITE_IOERR).
    case inputOutput(code: Int32, message: String)
    /// Any other SQLite failure, such as SQL that does not compile or a violated constraint.
    case sqlite(code: Int32, message: String)
    /// The file's schema is newer than the migrations this build knows.
    case schemaTooNew(found: Int, known: Int)
    /// A table this code needs is not in the database: its migration was not applied.
    case missingTable(name: String)
    /// A state key's length lies outside `StateStore.keyByteCountRange`.
    case invalidKeyByteCount(Int)
    /// A state value is longer than `StateStore.valueByteCountMax`.
    case valueTooLong(Int)
    /// The state rows do not hash to the persisted bucket hashes.
    case stateMismatch(bucket: Int)
    /// The transaction was rolled back instead of committed, for the reason given.
    case transactionAborted(reason: String)

    /// Classifies a failed SQLite call by its result code.
    static func sqlite(code: Int32, database: OpaquePointer?) -> StoreError {
        let message = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        return classify(code: code, message: message)
    }

    /// Picks the case that matches the primary result code (the low byte of `code`).
    static func classify(code: Int32, message: String) -> StoreError {
        switch code & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED: .busy(code: code, message: message)
        case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt(code: code, message: message)
        case SQLITE_FULL: .full(code: code, message: message)
        case SQLITE_READONLY, SQLITE_PERM: .readOnly(code: code, message: message)
        case SQLITE_CANTOPEN: .cannotOpen(code: code, message: message)
        case SQLITE_IOERR: .inputOutput(code: code, message: message)
        default: .sqlite(code: code, message: message)
        }
    }

    /// The SQLite extended result code, for the cases that come from SQLite.
    public var resultCode: Int32? {
        switch self {
        case let .busy(code, _), let .corrupt(code, _), let .full(code, _), let .readOnly(code, _),
             let .cannotOpen(code, _), let .inputOutput(code, _), let .sqlite(code, _):
            code
        default:
            nil
        }
    }

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case let .busy(code, message):
            "The database is locked (SQLite \(code): \(message)). Another process is using this data directory: stop it, or retry."
        case let .corrupt(code, message):
            "The database file is damaged (SQLite \(code): \(message)). Restore it from a backup or delete it and resynchronize."
        case let .full(code, message):
            "The disk is full (SQLite \(code): \(message)). Free disk space, then restart oln."
        case let .readOnly(code, message):
            "The database cannot be written (SQLite \(code): \(message)). Check the permissions of the file, its directory and the mount."
        case let .cannotOpen(code, message):
            "The database file cannot be opened (SQLite \(code): \(message)). Check that its directory exists and is accessible."
        case let .inputOutput(code, message):
            "Reading or writing the database failed (SQLite \(code): \(message)). Check the disk and the system log."
        case let .sqlite(code, message):
            "SQLite failed (\(code): \(message))."
        case let .schemaTooNew(found, known):
            "database schema version \(found) is newer than this oln (\(known)); upgrade oln"
        case let .missingTable(name):
            "The database has no table \"\(name)\": its schema migration was not applied."
        case let .invalidKeyByteCount(count):
            "A state key has \(count) bytes; keys must have \(StateStore.keyByteCountRange.lowerBound) to \(StateStore.keyByteCountRange.upperBound) bytes."
        case let .valueTooLong(count):
            "A state value has \(count) bytes; values may have at most \(StateStore.valueByteCountMax) bytes."
        case let .stateMismatch(bucket):
            "The state rows of bucket \(bucket) do not match its stored hash. The database is damaged: restore it or resynchronize."
        case let .transactionAborted(reason):
            "The transaction was rolled back: \(reason)"
        }
    }
}
