import Foundation
import Testing
@testable import Ledger
import LedgerWorkload

/// A ledger that commits each batch in the background (`commitInBackground`) while the next
/// one runs gives what a ledger committing each batch before `apply` returns gives.
@Suite("Ledger background commits")
struct LedgerBackgroundCommitTests {
    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "oln-background-\(UUID().uuidString).sqlite"
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A workload, an in-memory ledger that commits each batch (the reference the workload
    /// draws from), and a file ledger at `path` that commits in the background, both at genesis.
    static func makeLedgers(seed: UInt64, accounts: Int, path: String)
        throws -> (workload: LedgerWorkload, reference: LedgerDatabase, ledger: LedgerDatabase) {
        let workload = LedgerWorkload(seed: seed, accountCount: accounts)
        let reference = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try reference.initialize(with: workload.genesis)
        let ledger = try LedgerDatabase(path: path, isSoleWriter: true, commitInBackground: true)
        try ledger.initialize(with: workload.genesis)
        return (workload, reference, ledger)
    }

    /// Schedule horizons compared while a batch commits: its own time, the next batches', and far ahead.
    static func horizons(after time: UInt64) -> [UInt64] {
        [time, time + 20, time + 60, time + 200, time + 2_000, UInt64(Int64.max)]
    }

    @Test("roots, outcomes, due events and reads match a ledger that commits each batch, and the file keeps the last batch")
    func matchesCommittingEachBatch() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        var (workload, reference, ledger) = try Self.makeLedgers(seed: 5, accounts: 24, path: path)
        var dueEventsSeen = 0
        for _ in 0..<40 {
            let batch = try workload.nextBatch(ledger: reference, transactionCount: 30, secondsAfter: 20)
            let expected = try reference.apply(batch)
            let result = try ledger.apply(batch)
            #expect(result == expected)
            #expect(ledger.database.isCommitPending)
            for horizon in Self.horizons(after: batch.time) {
                let due = try ledger.dueEvents(upTo: horizon)
                #expect(due == (try reference.dueEvents(upTo: horizon)), "due events up to \(horizon) after height \(batch.height)")
                dueEventsSeen += due.count
            }
            #expect(ledger.height == batch.height && ledger.stateRoot == expected.stateRoot)
            for address in workload.accounts.addresses.prefix(4) {
                #expect(try ledger.account(address) == (try reference.account(address)))
            }
            #expect(ledger.database.isCommitPending, "reading the state does not wait for the commit")
        }
        #expect(dueEventsSeen > 0, "the run scheduled events, so the schedule read while committing was exercised")
        try ledger.finishPendingCommit()
        #expect(try ledger.transactionOutcomes(height: ledger.height).count == 30)
        let reopened = try LedgerDatabase(path: path)
        #expect(reopened.height == reference.height && reopened.stateRoot == reference.stateRoot)
    }

    @Test("a failed commit takes the ledger back to the batch before it, and the batch can then be applied again")
    func failedCommitGoesBack() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        var (workload, reference, ledger) = try Self.makeLedgers(seed: 9, accounts: 16, path: path)
        for _ in 0..<3 {
            let batch = try workload.nextBatch(ledger: reference, transactionCount: 20, secondsAfter: 20)
            _ = try reference.apply(batch)
            _ = try ledger.apply(batch)
        }
        try ledger.finishPendingCommit()
        let rootBefore = ledger.stateRoot
        // Every commit now fails: a trigger adds a row whose deferred foreign key is missing.
        try ledger.database.execute("""
            CREATE TABLE failing_parent (id INTEGER PRIMARY KEY);
            CREATE TABLE failing_child (parent INTEGER REFERENCES failing_parent(id) DEFERRABLE INITIALLY DEFERRED);
            CREATE TRIGGER failing_commit AFTER INSERT ON batches BEGIN INSERT INTO failing_child VALUES (1); END;
            """)
        let batch = try workload.nextBatch(ledger: reference, transactionCount: 20, secondsAfter: 20)
        let expected = try reference.apply(batch)
        #expect(try ledger.apply(batch).stateRoot == expected.stateRoot)
        #expect(throws: LedgerError.self) { try ledger.finishPendingCommit() }
        #expect(ledger.height == 3 && ledger.stateRoot == rootBefore)
        try ledger.database.execute("DROP TRIGGER failing_commit")
        #expect(try ledger.apply(batch) == expected)
        try ledger.finishPendingCommit()
        let reopened = try LedgerDatabase(path: path)
        #expect(reopened.height == 4 && reopened.stateRoot == expected.stateRoot)
    }
}
