import Foundation
import Testing
import Store

@Suite struct DatabaseTests {
    struct Failure: Error {}

    /// Records what a database tells its observers.
    final class Recorder: TransactionObserver {
        var events: [String] = []
        var refuse = false
        func databaseWillCommit() throws {
            events.append("will commit")
            if refuse { throw Failure() }
        }
        func databaseDidCommit() { events.append("committed") }
        func databaseDidRollBack() { events.append("rolled back") }
    }

    static func count(_ database: Database, _ table: String = "t") throws -> Int64 {
        let statement = try database.prepare("SELECT count(*) FROM \(table)")
        _ = try statement.step()
        return statement.int64(at: 0)
    }

    static func pragma(_ database: Database, _ name: String) throws -> Int64 {
        let statement = try database.prepare("PRAGMA \(name)")
        _ = try statement.step()
        return statement.int64(at: 0)
    }

    @Test func aFileDatabaseRunsInWALModeWithFullSync() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("a.sqlite"))
        #expect(try database.journalMode() == "wal")
        #expect(try Self.pragma(database, "synchronous") == 2)
        #expect(try Self.pragma(database, "foreign_keys") == 1)
        #expect(try Self.pragma(database, "busy_timeout") == 5_000)
        #expect(try Self.pragma(database, "wal_autocheckpoint") == 1_000)
        try database.execute("CREATE TABLE t (x INTEGER)")
        #expect(FileManager.default.fileExists(atPath: directory.file("a.sqlite-wal")))
    }

    @Test func optionsAreApplied() throws {
        let directory = try TemporaryDirectory()
        let options = Database.Options(
            synchronous: .normal, busyTimeout: .milliseconds(250), pageCacheByteCount: 8 << 20, walAutocheckpointPageCount: 5_000
        )
        let database = try Database(path: directory.file("a.sqlite"), options: options)
        #expect(try Self.pragma(database, "synchronous") == 1)
        #expect(try Self.pragma(database, "busy_timeout") == 250)
        #expect(try Self.pragma(database, "cache_size") == -8_192)
        #expect(try Self.pragma(database, "wal_autocheckpoint") == 5_000)
        #expect(database.options == options)
    }

    @Test func anInMemoryDatabaseOpens() throws {
        let database = try Database(path: ":memory:")
        #expect(try database.journalMode() == "memory")
        #expect(database.path == ":memory:")
    }

    @Test func foreignKeysAreEnforced() throws {
        let database = try Database(path: ":memory:")
        try database.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (parent INTEGER NOT NULL REFERENCES parent (id));
            """)
        #expect(throws: StoreError.self) { try database.execute("INSERT INTO child VALUES (7)") }
    }

    @Test func aCommittedTransactionKeepsItsRowsAndReturnsItsResult() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (x INTEGER)")
        let result = try database.transaction {
            #expect(database.isInTransaction)
            try database.execute("INSERT INTO t VALUES (1), (2)")
            return database.changes
        }
        #expect(result == 2)
        #expect(!database.isInTransaction)
        #expect(try Self.count(database) == 2)
    }

    @Test func aThrowingTransactionLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("a.sqlite"))
        try database.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Failure.self) {
            try database.transaction {
                try database.execute("INSERT INTO t VALUES (1)")
                throw Failure()
            }
        }
        #expect(!database.isInTransaction)
        #expect(try Self.count(database) == 0)
        try database.transaction { try database.execute("INSERT INTO t VALUES (3)") }
        #expect(try Self.count(Database(path: directory.file("a.sqlite"))) == 1)
    }

    @Test func observersHearCommitsAndRollbacks() throws {
        let database = try Database(path: ":memory:")
        let recorder = Recorder()
        database.addTransactionObserver(recorder)
        try database.transaction {}
        _ = try? database.transaction { throw Failure() }
        #expect(recorder.events == ["will commit", "committed", "rolled back"])
    }

    @Test func anObserverCanRefuseACommit() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (x INTEGER)")
        let recorder = Recorder()
        recorder.refuse = true
        database.addTransactionObserver(recorder)
        #expect(throws: Failure.self) {
            try database.transaction { try database.execute("INSERT INTO t VALUES (1)") }
        }
        #expect(recorder.events == ["will commit", "rolled back"])
        #expect(try Self.count(database) == 0)
    }

    @Test func observersAreHeldWeakly() throws {
        let database = try Database(path: ":memory:")
        weak var released: Recorder?
        do {
            let recorder = Recorder()
            released = recorder
            database.addTransactionObserver(recorder)
        }
        #expect(released == nil)
        try database.transaction {}
    }

    @Test func aTransactionSQLiteRolledBackCannotCommit() throws {
        let database = try Database(path: ":memory:")
        #expect(throws: StoreError.transactionAborted(reason: "SQLite rolled it back after an earlier error in it.")) {
            try database.transaction { try database.execute("ROLLBACK") }
        }
        #expect(!database.isInTransaction)
    }

    @Test func theStatementCacheReusesStatements() throws {
        let database = try Database(path: ":memory:")
        let first = try database.cachedStatement("SELECT ?1")
        try first.bind(5, at: 1)
        _ = try first.step()
        let second = try database.cachedStatement("SELECT ?1")
        #expect(first === second)
        #expect(try second.step())
        #expect(second.isNull(at: 0))
        #expect(database.cachedStatementCount >= 1)
        #expect(try database.cachedStatement("SELECT 2") !== first)
    }

    @Test func aFullStatementCacheEmptiesButHeldStatementsStillWork() throws {
        let database = try Database(path: ":memory:", options: .init(statementCacheCountMax: 2))
        let held = try database.cachedStatement("SELECT 1")
        _ = try database.cachedStatement("SELECT 2")
        _ = try database.cachedStatement("SELECT 3")
        #expect(database.cachedStatementCount == 1)
        #expect(try held.step())
        #expect(held.int64(at: 0) == 1)
    }

    @Test func lastInsertRowIDAndChanges() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)")
        try database.execute("INSERT INTO t (id, x) VALUES (41, 0)")
        #expect(database.lastInsertRowID == 41)
        try database.execute("INSERT INTO t (x) VALUES (0), (1), (2)")
        #expect(database.changes == 3)
        try database.execute("UPDATE t SET x = 9 WHERE x = 0")
        #expect(database.changes == 2)
    }

    @Test func aSecondWriterGetsBusy() throws {
        let directory = try TemporaryDirectory()
        let first = try Database(path: directory.file("a.sqlite"))
        let second = try Database(path: directory.file("a.sqlite"), options: .init(busyTimeout: .zero))
        try first.transaction {
            let error = #expect(throws: StoreError.self) { try second.transaction {} }
            #expect(error?.resultCode.map { $0 & 0xff } == 5)  // SQLITE_BUSY
            #expect(error.map { if case .busy = $0 { true } else { false } } == true)
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedAsCorrupt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("garbage.sqlite")
        try Data(repeating: 0x5a, count: 8_192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Database(path: path) }
        #expect(error.map { if case .corrupt = $0 { true } else { false } } == true)
        #expect(error?.description.contains("Restore it from a backup") == true)
    }

    @Test func aMissingDirectoryCannotBeOpened() throws {
        let error = #expect(throws: StoreError.self) { try Database(path: "/nonexistent-oln-dir/x/a.sqlite") }
        #expect(error.map { if case .cannotOpen = $0 { true } else { false } } == true)
    }

    @Test func badSQLThrows() throws {
        let database = try Database(path: ":memory:")
        #expect(throws: StoreError.self) { try database.execute("CREATE TABEL t (x)") }
        #expect(throws: StoreError.self) { try database.prepare("SELECT * FROM missing") }
    }
}
