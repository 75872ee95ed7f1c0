import Foundation
import LedgerWorkload
import Testing
import TestSupport
@testable import Ledger

/// The state kept from batch to batch: a committed batch's writes are what later batches
/// and queries read, a discarded batch (refused, simulated, or a failed transaction inside
/// one) leaves nothing behind, and a ledger that refuses and simulates batches on the way
/// ends where one that only applies them does.
@Suite("LedgerState")
struct LedgerStateTests {
    /// Storage with fixed values, counting reads. A state does not keep its storage alive
    /// (its owner does), so each test holds it to the end.
    final class FixedStorage: LedgerStorage {
        var values: [[UInt8]: [UInt8]] = [:]
        var readCount = 0

        func stateValue(for key: [UInt8]) throws(LedgerError) -> [UInt8]? {
            readCount += 1
            return values[key]
        }

        func dueEvents(upTo time: UInt64) throws(LedgerError) -> [ScheduledEvent] {
            []
        }
    }

    static let key = StateKey.payouts(try! AccountAddress(bytes: Array(repeating: 7, count: AccountAddress.byteCount)))

    @Test("a committed batch's writes are read back without storage; a discarded batch's are gone")
    func commitAndDiscard() throws {
        let storage = FixedStorage()
        defer { withExtendedLifetime(storage) {} }
        storage.values[Self.key] = AmountRecord(amount: 5).encoded
        let state = LedgerState(storage: storage)
        #expect(try state.amount(at: Self.key) == 5)
        state.beginBatch()
        try state.addAmount(3, at: Self.key)
        state.commitBatch()
        #expect(try state.amount(at: Self.key) == 8)
        state.beginBatch()
        try state.addAmount(100, at: Self.key)
        state.discardBatch()
        #expect(try state.amount(at: Self.key) == 8)
        #expect(storage.readCount == 1)
    }

    @Test("a key written, discarded with its transaction and written again appears once in the batch")
    func rewrittenAfterDiscardedTransaction() throws {
        let storage = FixedStorage()
        defer { withExtendedLifetime(storage) {} }
        let state = LedgerState(storage: storage)
        state.beginBatch()
        try state.addAmount(1, at: Self.key)
        state.beginTransaction()
        try state.addAmount(2, at: Self.key)
        state.discardTransaction()
        state.beginTransaction()
        try state.addAmount(4, at: Self.key)
        state.commitTransaction()
        let changes = state.batch
        #expect(changes.state.map(\.key) == [Self.key])
        #expect(try AmountRecord.decodeStored(#require(changes.state.first?.value)).amount == 5)
        state.discardBatch()
        #expect(try state.amount(at: Self.key) == 0)
    }

    @Test("removing every slot makes reads go to storage again")
    func removeAll() throws {
        let storage = FixedStorage()
        let state = LedgerState(storage: storage)
        _ = try state.amount(at: Self.key)
        storage.values[Self.key] = AmountRecord(amount: 9).encoded
        #expect(try state.amount(at: Self.key) == 0)
        state.removeAll()
        #expect(try state.amount(at: Self.key) == 9)
    }

    @Test("a compaction drops the slots not used in the last keptBatchCount batches and keeps the rest")
    func compaction() throws {
        let storage = FixedStorage()
        defer { withExtendedLifetime(storage) {} }
        let keys = (0..<16).map { StateKey.payouts(try! AccountAddress(bytes: Array(repeating: UInt8($0), count: AccountAddress.byteCount))) }
        for (index, key) in keys.enumerated() { storage.values[key] = AmountRecord(amount: Amount(index + 1)).encoded }
        let state = LedgerState(storage: storage, compactionSlotCountMin: keys.count)
        // Batch 1 reads keys 0-3; each of the next keptBatchCount batches key 0 and its share
        // of keys 4-15. The batch after them begins with a compaction (the table holds 16
        // slots) that keeps the slots those batches used.
        let kept = Int(LedgerState.keptBatchCount)
        let later = (0..<kept).map { 4 + 12 * $0 / kept..<4 + 12 * ($0 + 1) / kept }
        for range in [0..<4] + later {
            state.beginBatch()
            _ = try state.amount(at: keys[0])
            for index in range { _ = try state.amount(at: keys[index]) }
            state.commitBatch()
        }
        #expect(storage.readCount == 16)
        state.beginBatch()
        for index in [0, 4, 7, 8, 15] { #expect(try state.amount(at: keys[index]) == Amount(index + 1)) }
        #expect(storage.readCount == 16)
        for index in 1..<4 { #expect(try state.amount(at: keys[index]) == Amount(index + 1)) }
        #expect(storage.readCount == 19)
        state.discardBatch()
    }

    @Test("reads alone, with no batch begun, still empty the table once it holds more than its byte limit")
    func readsAloneAreBounded() throws {
        let storage = FixedStorage()
        defer { withExtendedLifetime(storage) {} }
        let large = [UInt8](repeating: 1, count: 1 << 20)
        let keyCount = LedgerState.byteCountMax / large.count + 1
        let keys = (0..<keyCount).map { StateKey.parameter("large-\($0)") }
        for key in keys { storage.values[key] = large }
        let state = LedgerState(storage: storage)
        for key in keys { _ = try state.value(for: key) }
        #expect(storage.readCount == keyCount)
        #expect(state.removeAllIfOverLimits())
        _ = try state.value(for: keys[0])
        #expect(storage.readCount == keyCount + 1)
        #expect(!state.removeAllIfOverLimits())
    }

    @Test("refused and simulated batches on the way leave the same roots, balances and nonces", arguments: [1, 2])
    func refusedAndSimulatedBatches(round: Int) throws {
        var generator = SeededGenerator.make(for: "LedgerStateTests.refusedAndSimulatedBatches.\(round)")
        var workload = LedgerWorkload(seed: generator.next(), accountCount: 24)
        let tested = try LedgerDatabase(path: ":memory:")
        let control = try LedgerDatabase(path: ":memory:")
        try tested.initialize(with: workload.genesis)
        try control.initialize(with: workload.genesis)
        var previous: LedgerBatch?
        for _ in 0..<12 {
            let batch = try workload.nextBatch(ledger: control, transactionCount: 30, secondsAfter: 20)
            _ = try tested.simulate(batch)
            if let replayed = previous?.transactions.first {
                var refused = batch
                refused.transactions.append(replayed)
                #expect(throws: LedgerError.self) { try tested.apply(refused) }
            }
            let expected = try control.apply(batch)
            #expect(try tested.apply(batch) == expected)
            previous = batch
        }
        for address in workload.accounts.addresses {
            #expect(try tested.account(address) == control.account(address))
        }
        #expect(tested.stateRoot == control.stateRoot)
    }
}
