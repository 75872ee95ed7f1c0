import Testing
import Store

@Suite struct StatementTests {
    static func table() throws -> Database {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value ANY)")
        return database
    }

    /// Inserts one value bound by `bind` and returns a statement positioned on it.
    static func roundTrip(_ bind: (Statement) throws -> Void) throws -> Statement {
        let database = try table()
        let insert = try database.prepare("INSERT INTO t (id, value) VALUES (1, ?1)")
        try bind(insert)
        try insert.run()
        let select = try database.prepare("SELECT value, typeof(value) FROM t WHERE id = 1")
        #expect(try select.step())
        return select
    }

    @Test(arguments: [Int64.min, -1, 0, 1, 1 << 40, Int64.max])
    func integersRoundTrip(value: Int64) throws {
        let row = try Self.roundTrip { try $0.bind(value, at: 1) }
        #expect(row.int64(at: 0) == value)
        #expect(row.text(at: 1) == "integer")
        #expect(!row.isNull(at: 0))
    }

    @Test(arguments: [[UInt8](), [0], [0, 0, 0], Array(0...255)])
    func blobsRoundTrip(value: [UInt8]) throws {
        let row = try Self.roundTrip { try $0.bind(value, at: 1) }
        #expect(row.blob(at: 0) == value)
        #expect(row.text(at: 1) == "blob")
        #expect(!row.isNull(at: 0))
    }

    @Test func anEmptyBlobIsNotNull() throws {
        let database = try Self.table()
        let insert = try database.prepare("INSERT INTO t (id, value) VALUES (?1, ?2)")
        try insert.bind(1, at: 1)
        try insert.bind([UInt8](), at: 2)
        try insert.run()
        try insert.bind(2, at: 1)
        try insert.bind(nil as [UInt8]?, at: 2)
        try insert.run()
        let select = try database.prepare("SELECT id FROM t WHERE value IS NULL")
        var nullIDs: [Int64] = []
        try select.forEachRow { nullIDs.append($0.int64(at: 0)) }
        #expect(nullIDs == [2])
        let length = try database.prepare("SELECT length(value) FROM t WHERE id = 1")
        #expect(try length.step())
        #expect(length.int64(at: 0) == 0)
    }

    @Test(arguments: ["", "plain", "ünïcødé ✓ 𝄞", "with\u{0}nul"])
    func textRoundTrips(value: String) throws {
        let row = try Self.roundTrip { try $0.bind(value, at: 1) }
        #expect(row.text(at: 0) == value)
        #expect(row.text(at: 1) == "text")
    }

    @Test func nullRoundTrips() throws {
        let row = try Self.roundTrip { try $0.bindNull(at: 1) }
        #expect(row.isNull(at: 0))
        #expect(row.blob(at: 0).isEmpty)
        #expect(row.int64(at: 0) == 0)
        #expect(row.text(at: 0) == "")
    }

    @Test func stepReportsRowsThenDone() throws {
        let database = try Database(path: ":memory:")
        let statement = try database.prepare("SELECT 1 UNION ALL SELECT 2")
        #expect(statement.columnCount == 1)
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 1)
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 2)
        #expect(try !statement.step())
        statement.reset()
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 1)
    }

    @Test func resetClearsBindingsButRunAndForEachRowKeepThem() throws {
        let database = try Database(path: ":memory:")
        let statement = try database.prepare("SELECT ?1")
        try statement.bind(7, at: 1)
        var seen: [Int64] = []
        try statement.forEachRow { seen.append($0.int64(at: 0)) }
        try statement.forEachRow { seen.append($0.int64(at: 0)) }
        #expect(seen == [7, 7])
        statement.reset()
        #expect(try statement.step())
        #expect(statement.isNull(at: 0))
    }

    @Test func withUnsafeBlobSeesTheBytesWithoutCopying() throws {
        let row = try Self.roundTrip { try $0.bind([1, 2, 3], at: 1) }
        #expect(row.withUnsafeBlob(at: 0) { Array($0) } == [1, 2, 3])
        #expect(row.withUnsafeBlob(at: 1) { $0.count } == 4)
    }

    @Test func bindingOutOfRangeThrows() throws {
        let database = try Database(path: ":memory:")
        let statement = try database.prepare("SELECT ?1")
        let error = #expect(throws: StoreError.self) { try statement.bind(1, at: 2) }
        #expect(error?.resultCode == 25)  // SQLITE_RANGE
    }

    @Test func aFailingStepThrowsAndTheStatementCanRunAgain() throws {
        let database = try Self.table()
        let insert = try database.prepare("INSERT INTO t (id, value) VALUES (?1, 0)")
        try insert.bind(1, at: 1)
        try insert.run()
        let error = #expect(throws: StoreError.self) { try insert.run() }
        #expect(error?.resultCode.map { $0 & 0xff } == 19)  // SQLITE_CONSTRAINT
        try insert.bind(2, at: 1)
        try insert.run()
        #expect(database.lastInsertRowID == 2)
    }

    @Test func aStatementOutlivingItsDatabaseStillWorks() throws {
        var database: Database? = try Database(path: ":memory:")
        let statement = try database!.prepare("SELECT 42")
        database = nil
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 42)
    }
}
