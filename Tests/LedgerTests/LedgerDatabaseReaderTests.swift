import Foundation
import LedgerWorkload
import Testing
@testable import Ledger

/// A second connection reading beside the one that writes (an `oln` command or a service
/// beside the node) sees every committed batch, never its own stale caches.
@Suite("LedgerDatabase, a reader beside the writer")
struct LedgerDatabaseReaderTests {
    @Test("heights, records and the state root a reader sees follow the writer's batches")
    func readerFollowsWriter() throws {
        let path = NSTemporaryDirectory() + "oln-reader-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var workload = LedgerWorkload(seed: 11, accountCount: 20)
        let writer = try LedgerDatabase(path: path)
        try writer.initialize(with: workload.genesis)
        let reader = try LedgerDatabase(path: path)
        let watched = workload.accounts.addresses[0]
        #expect(reader.height == 0)
        for expectedHeight in 1...3 {
            let batch = try workload.nextBatch(ledger: writer, transactionCount: 40, secondsAfter: 2)
            _ = try writer.apply(batch)
            #expect(reader.height == UInt64(expectedHeight))
            let (readerBalance, readerNonce) = try reader.account(watched)
            let (writerBalance, writerNonce) = try writer.account(watched)
            #expect(readerBalance == writerBalance && readerNonce == writerNonce)
            #expect(reader.stateRoot == writer.stateRoot)
        }
    }
}
