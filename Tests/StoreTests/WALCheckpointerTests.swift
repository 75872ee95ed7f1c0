import Foundation
import Store
import Testing

/// The background checkpointer keeps the write-ahead log about one transaction long, where
/// without it (and with SQLite's own checkpoint far off) the log grows with every commit;
/// nothing written is lost either way.
@Suite("WALCheckpointer")
struct WALCheckpointerTests {
    static let transactionCount = 12
    static let rowsPerTransaction = 50
    /// SQLite's own checkpoint only past 4 GiB of log: never in this test.
    static let options = Database.Options(walAutocheckpointPageCount: Database.Options.walAutocheckpointPageCountMax)

    /// Writes the transactions (each waiting for `settle` after its commit) and returns the
    /// log's size at the end and the rows read back from a new connection.
    static func write(to path: String, observe: (Database) -> Void = { _ in }, settle: () -> Void) throws
        -> (logBytes: Int, rows: Int) {
        let database = try Database(path: path, options: options)
        observe(database)
        try database.execute("CREATE TABLE rows(id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        let insert = try database.prepare("INSERT INTO rows(data) VALUES (?)")
        for _ in 0..<transactionCount {
            try database.transaction {
                for _ in 0..<rowsPerTransaction {
                    try insert.bind([UInt8](repeating: 7, count: 2_000), at: 1)
                    try insert.run()
                }
            }
            settle()
        }
        let logBytes = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        let reader = try Database(path: path, options: options)
        let count = try reader.prepare("SELECT count(*) FROM rows")
        _ = try count.step()
        return (logBytes, Int(count.int64(at: 0)))
    }

    @Test("after each commit the log is copied back, so it starts over instead of growing")
    func keepsTheLogShort() throws {
        let directory = try TemporaryDirectory()
        let withoutPath = directory.file("without.sqlite")
        let without = try Self.write(to: withoutPath) {}
        let withPath = directory.file("with.sqlite")
        let checkpointer = WALCheckpointer(path: withPath, options: Self.options)
        let with = try Self.write(to: withPath, observe: { $0.addTransactionObserver(checkpointer) }) {
            // Waits (at most 10 s) for the checkpoint the commit asked for.
            let target = checkpointer.statistics.checkpoints + 1
            let deadline = Date().addingTimeInterval(10)
            while checkpointer.statistics.checkpoints < target && Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        }
        checkpointer.stop()
        checkpointer.stop()
        let total = Self.transactionCount * Self.rowsPerTransaction
        #expect(without.rows == total && with.rows == total)
        #expect(checkpointer.statistics.checkpoints == Self.transactionCount && checkpointer.statistics.failures == 0)
        #expect(with.logBytes * 4 < without.logBytes, "log \(with.logBytes) bytes with the checkpointer, \(without.logBytes) without")
    }
}
