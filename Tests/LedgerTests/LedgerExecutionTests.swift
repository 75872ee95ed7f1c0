import Foundation
import LedgerWorkload
import Testing
import TestSupport
@testable import Ledger

/// A simulated batch applied next is written from its simulation: the outcomes, roots and
/// balances are those of running it afresh, whether the simulation was of this batch, of
/// another one, or a leader's draft.
@Suite("LedgerExecution")
struct LedgerExecutionTests {
    @Test("simulating, drafting or simulating another batch before applying gives what applying alone gives",
          arguments: [1, 2, 3])
    func reuseMatchesAFreshRun(round: Int) throws {
        var generator = SeededGenerator.make(for: "LedgerExecutionTests.reuseMatchesAFreshRun.\(round)")
        var workload = LedgerWorkload(seed: generator.next(), accountCount: 24)
        let tested = try LedgerDatabase(path: ":memory:")
        let control = try LedgerDatabase(path: ":memory:")
        try tested.initialize(with: workload.genesis)
        try control.initialize(with: workload.genesis)
        var reusedCount = 0
        for step in 0..<15 {
            var batch = try workload.nextBatch(ledger: control, transactionCount: 30, secondsAfter: 20)
            switch generator.next() % 4 {
            case 0:
                _ = try tested.simulate(batch)
            case 1:
                let built = try tested.build(height: batch.height, time: batch.time, leader: batch.leader,
                                             candidates: batch.transactions.map { PreverifiedTransaction($0, chainID: LedgerWorkload.chainID) })
                #expect(built.batch.transactions.map(\.envelopeBytes) == batch.transactions.map(\.envelopeBytes))
                batch = built.batch
            case 2:
                // Another batch was checked last: nothing of it may be reused.
                var other = batch
                other.transactions.removeLast()
                _ = try tested.simulate(other)
            default:
                break
            }
            let expected = try control.apply(batch)
            if tested.lastExecution?.matches(batch, baseRoot: tested.stateRoot) == true { reusedCount += 1 }
            let simulated = try tested.simulate(batch)
            #expect(simulated == expected, "step \(step)")
            #expect(try tested.apply(batch) == expected, "step \(step)")
            #expect(tested.lastExecution == nil)
        }
        #expect(reusedCount > 0)
        for address in workload.accounts.addresses {
            #expect(try tested.account(address) == control.account(address))
        }
        #expect(try tested.stateStore.recomputeRoot() == control.stateRoot)
    }

    @Test("a simulated batch with a transaction that cannot be included is still refused by apply, leaving nothing")
    func rejectedStaysRefused() throws {
        var workload = LedgerWorkload(seed: 5, accountCount: 16)
        let ledger = try LedgerDatabase(path: ":memory:")
        try ledger.initialize(with: workload.genesis)
        let first = try workload.nextBatch(ledger: ledger, transactionCount: 10, secondsAfter: 20)
        _ = try ledger.apply(first)
        let root = ledger.stateRoot
        var replayed = try workload.nextBatch(ledger: ledger, transactionCount: 10, secondsAfter: 20)
        replayed.transactions.append(first.transactions[0])
        let simulated = try ledger.simulate(replayed)
        #expect(simulated.outcomes.last?.status == "rejected")
        #expect(throws: LedgerError.self) { try ledger.apply(replayed) }
        #expect(ledger.stateRoot == root)
        #expect(try ledger.stateStore.recomputeRoot() == root)
    }
}
