import Testing
import Store

@Suite struct SchemaMigrationsTests {
    /// Records the order steps run in; used on one thread only.
    final class Log: @unchecked Sendable {
        var names: [String] = []
    }

    static func steps(_ log: Log, count: Int) -> [SchemaMigration] {
        (0..<count).map { index in
            SchemaMigration(name: "step \(index)") { database in
                log.names.append("step \(index)")
                try database.execute("CREATE TABLE t\(index) (x INTEGER)")
            }
        }
    }

    static func version(_ database: Database) throws -> Int64 {
        let statement = try database.prepare("PRAGMA user_version")
        _ = try statement.step()
        return statement.int64(at: 0)
    }

    @Test func stepsRunOnceAndInOrder() throws {
        let database = try Database(path: ":memory:")
        let log = Log()
        let migrations = SchemaMigrations(Self.steps(log, count: 3))
        #expect(try migrations.apply(to: database) == 3)
        #expect(try migrations.apply(to: database) == 0)
        #expect(log.names == ["step 0", "step 1", "step 2"])
        #expect(try Self.version(database) == 3)
        #expect(try migrations.checkedVersion(of: database) == 3)
    }

    @Test func onlyTheMissingStepsRun() throws {
        let database = try Database(path: ":memory:")
        let log = Log()
        try SchemaMigrations(Self.steps(log, count: 2)).apply(to: database)
        log.names = []
        #expect(try SchemaMigrations(Self.steps(log, count: 4)).apply(to: database) == 2)
        #expect(log.names == ["step 2", "step 3"])
        #expect(try Self.version(database) == 4)
    }

    @Test func sqlStepsRun() throws {
        let database = try Database(path: ":memory:")
        let migrations = SchemaMigrations([
            SchemaMigration(name: "table", sql: "CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER);"),
            SchemaMigration(name: "row", sql: "INSERT INTO a VALUES (1)"),
        ])
        try migrations.apply(to: database)
        let statement = try database.prepare("SELECT x FROM a")
        #expect(try statement.step())
        #expect(migrations.latestVersion == 2)
    }

    @Test func aFailingStepAppliesNothing() throws {
        let database = try Database(path: ":memory:")
        let migrations = SchemaMigrations([
            SchemaMigration(name: "good", sql: "CREATE TABLE a (x INTEGER)"),
            SchemaMigration(name: "bad", sql: "CREATE TABLE a (x INTEGER)"),
        ])
        #expect(throws: StoreError.self) { try migrations.apply(to: database) }
        #expect(try Self.version(database) == 0)
        #expect(throws: StoreError.self) { try database.prepare("SELECT x FROM a") }
    }

    @Test func aNewerDatabaseIsRefusedWithAClearMessage() throws {
        let database = try Database(path: ":memory:")
        try database.execute("PRAGMA user_version = 9")
        let migrations = SchemaMigrations(Self.steps(Log(), count: 2))
        #expect(throws: StoreError.schemaTooNew(found: 9, known: 2)) { try migrations.apply(to: database) }
        #expect(StoreError.schemaTooNew(found: 9, known: 2).description
            == "database schema version 9 is newer than this oln (2); upgrade oln")
    }

    @Test func anUpgradeSurvivesReopening() throws {
        let directory = try TemporaryDirectory()
        let log = Log()
        do {
            let database = try Database(path: directory.file("m.sqlite"))
            try SchemaMigrations(Self.steps(log, count: 1)).apply(to: database)
        }
        let database = try Database(path: directory.file("m.sqlite"))
        #expect(try SchemaMigrations(Self.steps(log, count: 2)).apply(to: database) == 1)
        #expect(log.names == ["step 0", "step 1"])
    }
}
