// Checks that the SQLite found through pkg-config links and answers a query.
import CSQLite
import Testing

@Suite("SQLite system library")
struct SQLiteTests {
    @Test("the linked SQLite is 3.35 or newer (RETURNING, strict tables)")
    func versionIsRecentEnough() {
        #expect(sqlite3_libversion_number() >= 3_035_000)
    }

    @Test("an in-memory database evaluates a query")
    func inMemoryQuery() throws {
        var database: OpaquePointer?
        #expect(sqlite3_open(":memory:", &database) == SQLITE_OK)
        defer { sqlite3_close(database) }
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(database, "SELECT 6 * 7", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_int64(statement, 0) == 42)
    }
}
