import Foundation
import Testing
import Store

/// `Database.transaction(committingInBackground:_:)`: the COMMIT on a thread of its own.
@Suite struct DatabaseBackgroundCommitTests {
    typealias Recorder = DatabaseTests.Recorder

    /// A database whose `child` rows need a `parent` row by COMMIT: a deferred foreign key
    /// is checked there, so a COMMIT with an orphan child fails.
    static func makeDeferredForeignKey(in directory: TemporaryDirectory) throws -> Database {
        let database = try Database(path: directory.file("a.sqlite"))
        try database.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)
        return database
    }

    static func makeTable(in directory: TemporaryDirectory) throws -> Database {
        let database = try Database(path: directory.file("a.sqlite"))
        try database.execute("CREATE TABLE t (x INTEGER)")
        return database
    }

    @Test func theCommitEndsWhenTheConnectionIsNextUsedAndObserversHearItThen() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.makeTable(in: directory)
        let reader = try Database(path: directory.file("a.sqlite"))
        let recorder = Recorder()
        database.addTransactionObserver(recorder)
        let returned = try database.transaction(committingInBackground: true) {
            try database.execute("INSERT INTO t VALUES (1), (2)")
            return "body"
        }
        #expect(returned == "body")
        #expect(database.isCommitPending)
        #expect(database.isInTransaction)
        #expect(recorder.events == ["will commit"])
        try database.finishPendingCommit()
        #expect(!database.isCommitPending && !database.isInTransaction)
        #expect(recorder.events == ["will commit", "committed"])
        #expect(try DatabaseTests.count(reader) == 2)
        try database.finishPendingCommit()
        #expect(recorder.events == ["will commit", "committed"])
    }

    @Test func anyStatementWaitsForTheCommit() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.makeTable(in: directory)
        for round in 1...3 {
            try database.transaction(committingInBackground: true) {
                try database.execute("INSERT INTO t VALUES (\(round))")
            }
            #expect(database.isCommitPending)
            #expect(try DatabaseTests.count(database) == Int64(round))
            #expect(!database.isCommitPending)
        }
        // A transaction started while one commits waits for it first.
        try database.transaction(committingInBackground: true) { try database.execute("INSERT INTO t VALUES (4)") }
        try database.transaction { try database.execute("INSERT INTO t VALUES (5)") }
        #expect(try DatabaseTests.count(database) == 5)
    }

    @Test func aFailedCommitRollsBackAndTheWaitingCallThrows() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.makeDeferredForeignKey(in: directory)
        let recorder = Recorder()
        database.addTransactionObserver(recorder)
        try database.transaction(committingInBackground: true) {
            try database.execute("INSERT INTO child VALUES (7)")
        }
        #expect(throws: StoreError.self) { try database.finishPendingCommit() }
        #expect(database.failedBackgroundCommitCount == 1)
        #expect(!database.isCommitPending && !database.isInTransaction)
        #expect(recorder.events == ["will commit", "rolled back"])
        #expect(try DatabaseTests.count(database, "child") == 0)
        try database.transaction(committingInBackground: true) {
            try database.execute("INSERT INTO parent VALUES (7); INSERT INTO child VALUES (7)")
        }
        #expect(try DatabaseTests.count(database, "child") == 1)
        #expect(database.failedBackgroundCommitCount == 1)
    }

    @Test func aStatementUseReportsTheFailedCommit() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.makeDeferredForeignKey(in: directory)
        try database.transaction(committingInBackground: true) { try database.execute("INSERT INTO child VALUES (1)") }
        #expect(throws: StoreError.self) { _ = try database.cachedStatement("SELECT count(*) FROM child") }
        #expect(try DatabaseTests.count(database, "child") == 0)
    }

    @Test func anInMemoryDatabaseCommitsAtOnce() throws {
        let database = try Database(path: Database.inMemoryPath)
        try database.execute("CREATE TABLE t (x INTEGER)")
        try database.transaction(committingInBackground: true) { try database.execute("INSERT INTO t VALUES (1)") }
        #expect(!database.isCommitPending && !database.isInTransaction)
        #expect(try DatabaseTests.count(database) == 1)
    }
}
