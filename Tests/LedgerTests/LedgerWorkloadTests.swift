import Foundation
import Testing
@testable import Ledger
import LedgerWorkload

@Suite("LedgerWorkload")
struct LedgerWorkloadTests {
    /// Applies `batches` batches of `transactions` each to a fresh in-memory ledger and
    /// returns the ledger, the batches and each batch's plans.
    static func run(seed: UInt64, accounts: Int = 24, batches: Int, transactions: Int, seconds: UInt64 = 20)
        throws -> (ledger: LedgerDatabase, batches: [LedgerBatch], plans: [[PlannedTransaction]], results: [BatchResult]) {
        var workload = LedgerWorkload(seed: seed, accountCount: accounts)
        let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try ledger.initialize(with: workload.genesis)
        var applied: [LedgerBatch] = []
        var plans: [[PlannedTransaction]] = []
        var results: [BatchResult] = []
        for _ in 0..<batches {
            let batch = try workload.nextBatch(ledger: ledger, transactionCount: transactions, secondsAfter: seconds)
            results.append(try ledger.apply(batch))
            applied.append(batch)
            plans.append(workload.lastPlans)
        }
        return (ledger, applied, plans, results)
    }

    @Test("over a long run every kind of transaction applies at least once, and planned failures fail as planned")
    func everyKindApplies() throws {
        let run = try Self.run(seed: 11, batches: 40, transactions: 40)
        var applied: [String: Int] = [:]
        var unexpected: [String: Int] = [:]
        for (plans, result) in zip(run.plans, run.results) {
            for (plan, outcome) in zip(plans, result.outcomes) {
                if outcome == .applied { applied[plan.kind, default: 0] += 1 }
                if let expected = plan.expectedFailure {
                    #expect(outcome.reasonCode == expected, "\(plan.kind) should fail with \(expected), got \(outcome)")
                } else if outcome != .applied {
                    unexpected["\(plan.kind) \(outcome.reasonCode)", default: 0] += 1
                }
            }
        }
        print("applied: \(applied.sorted { $0.key < $1.key })")
        print("unexpected failures: \(unexpected.sorted { $0.key < $1.key })")
        #expect(Set(applied.keys) == Set(TransactionKind.allNames))
    }

    @Test("the same seed gives the same genesis and batches, and a workload resumed on a ledger continues as if it never stopped")
    func deterministicAndResumable() throws {
        var first = LedgerWorkload(seed: 5, accountCount: 20)
        var second = LedgerWorkload(seed: 5, accountCount: 20)
        #expect(first.genesisHash == second.genesisHash)
        #expect(LedgerWorkload(seed: 6, accountCount: 20).genesisHash != first.genesisHash)
        let ledgers = try [first, second].map { workload in
            let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
            try ledger.initialize(with: workload.genesis)
            return ledger
        }
        for _ in 0..<16 {
            let one = try first.nextBatch(ledger: ledgers[0], transactionCount: 24, secondsAfter: 20)
            let other = try second.nextBatch(ledger: ledgers[1], transactionCount: 24, secondsAfter: 20)
            #expect(one.transactions.map(\.envelopeBytes) == other.transactions.map(\.envelopeBytes))
            #expect(try ledgers[0].apply(one).stateRoot == ledgers[1].apply(other).stateRoot)
        }
        var resumed = LedgerWorkload(seed: 5, accountCount: 20)
        for _ in 0..<4 {
            let continued = try first.nextBatch(ledger: ledgers[0], transactionCount: 24, secondsAfter: 20)
            let fresh = try resumed.nextBatch(ledger: ledgers[0], transactionCount: 24, secondsAfter: 20)
            #expect(continued.transactions.map(\.envelopeBytes) == fresh.transactions.map(\.envelopeBytes))
            #expect(first.lastPlans == resumed.lastPlans)
            _ = try ledgers[0].apply(continued)
        }
    }
}
