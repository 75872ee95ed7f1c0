import Foundation
import Identity
import Store
import Testing
@testable import Ledger

/// The ledger's schema history: a database written before the query tables lost their
/// rowids, or before receipts moved to tables by host and by adapter, keeps every row
/// through the migrations.
@Suite("LedgerSchema")
struct LedgerSchemaTests {
    /// Steps before "query tables without rowids".
    static let versionBeforeKeyedTables = 5
    /// Steps before "receipts by host and by adapter".
    static let versionBeforeReceiptTables = 6

    @Test("transactions, payouts and receipts written at version 5 survive the move to tables without rowids")
    func rowsSurviveMigration() throws {
        let path = try Self.database(atVersion: Self.versionBeforeKeyedTables, lastStep: "consensus epochs", holding: """
            INSERT INTO transactions VALUES (1, 0, x'01', x'aa', 0, 'transfer', 'applied', ''),
                (1, 1, x'02', x'bb', 3, 'stake', 'failed', 'insufficient_balance');
            INSERT INTO payouts VALUES (1, 0, x'0d', x'aa', 'receipt_host', x'05'), (1, 1, x'0d', NULL, 'receipt_treasury', x'01');
            INSERT INTO receipts VALUES (x'0d', 1, x'aa', x'bb', x'cc', x'dd');
            """)
        defer { Self.remove(path) }
        let ledger = try LedgerDatabase(path: path)
        #expect(try Self.rows("SELECT height, position, nonce FROM transactions ORDER BY height, position", in: ledger)
                == [[1, 0, 0], [1, 1, 3]])
        #expect(try Self.rows("SELECT height, sequence, length(amount) FROM payouts WHERE account = x'aa'", in: ledger) == [[1, 0, 1]])
        #expect(try Self.rows("SELECT time FROM receipts_by_host WHERE host = x'aa'", in: ledger) == [[0]])
        for table in ["transactions", "payouts", "receipts_by_host", "receipts_by_adapter"] {
            #expect(throws: StoreError.self) { _ = try ledger.database.prepare("SELECT rowid FROM \(table)") }
        }
        #expect(try Self.rows("SELECT count(*) FROM sqlite_master WHERE name IN ('transactions_sender', 'payouts_subject')",
                              in: ledger) == [[0]])
    }

    @Test("receipts written at version 6 move to the tables by host and by adapter, with their batch's time")
    func receiptsMoveToLookupTables() throws {
        let path = try Self.database(atVersion: Self.versionBeforeReceiptTables, lastStep: "query tables without rowids", holding: """
            INSERT INTO batches VALUES (1, 1000, NULL, x'00', 2), (2, 1010, NULL, x'00', 1);
            INSERT INTO receipts VALUES (x'01', 1, x'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', x'bb', x'cc', x'dd'),
                (x'02', 2, x'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', x'bb', x'ce', x'dd'),
                (x'03', 1, x'abababababababababababababababababababab', x'bb', x'cc', x'dd');
            """)
        defer { Self.remove(path) }
        let ledger = try LedgerDatabase(path: path)
        let host = try AccountAddress(bytes: [UInt8](repeating: 0xaa, count: 20))
        #expect(try ledger.receiptIDs(host: host) == [[0x02], [0x01]])
        #expect(try ledger.receiptIDs(adapter: [0xcc]) == [[0x01], [0x03]])
        #expect(try Self.rows("SELECT time FROM receipts_by_adapter ORDER BY id", in: ledger) == [[1000], [1010], [1000]])
        #expect(try Self.rows("SELECT count(*) FROM sqlite_master WHERE name = 'receipts'", in: ledger) == [[0]])
    }

    /// A new database file with the schema's first `version` steps (the last named
    /// `lastStep`) and the rows `sql` inserts; returns its path.
    static func database(atVersion version: Int, lastStep: String, holding sql: String) throws -> String {
        let path = NSTemporaryDirectory() + "oln-schema-\(UUID().uuidString).sqlite"
        let old = try Database(path: path)
        let steps = Array(LedgerSchema.migrations.steps.prefix(version))
        #expect(steps.last?.name == lastStep)
        try SchemaMigrations(steps).apply(to: old)
        try old.execute(sql)
        return path
    }

    /// Removes the database file at `path` and its write-ahead log.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func rows(_ sql: String, in ledger: LedgerDatabase) throws -> [[Int64]] {
        let statement = try ledger.database.prepare(sql)
        var rows: [[Int64]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.int64(at: $0) })
        }
        return rows
    }
}
