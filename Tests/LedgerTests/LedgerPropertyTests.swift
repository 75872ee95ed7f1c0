import Foundation
import Testing
@testable import Ledger
import LedgerWorkload
import TestSupport

/// Properties of the ledger over random workloads (LedgerWorkload), each run seeded by
/// SeededGenerator: the seed is printed, and OLN_TEST_SEED replays it.
@Suite("Ledger properties over random workloads")
struct LedgerPropertyTests {
    /// A fresh in-memory ledger at the workload's genesis.
    static func ledger(for workload: LedgerWorkload) throws -> LedgerDatabase {
        let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try ledger.initialize(with: workload.genesis)
        return ledger
    }

    @Test("the supply is constant, balances add up, nonces advance, failures fail as planned, and a replay gives the same roots")
    func invariants() throws {
        var generator = SeededGenerator.make(for: "LedgerPropertyTests.invariants")
        var transactionCount = 0
        for _ in 0..<24 {
            var workload = LedgerWorkload(seed: generator.next(), accountCount: Int.random(in: 16...40, using: &generator))
            let ledger = try Self.ledger(for: workload)
            var batches: [LedgerBatch] = []
            var roots = [ledger.stateRoot]
            for _ in 0..<Int.random(in: 4...8, using: &generator) {
                let batch = try workload.nextBatch(ledger: ledger, transactionCount: Int.random(in: 4...24, using: &generator),
                                                   secondsAfter: UInt64.random(in: 0...45, using: &generator))
                let result = try ledger.apply(batch)
                try Self.checkInvariants(of: ledger, workload: workload, batch: batch, result: result)
                batches.append(batch)
                roots.append(result.stateRoot)
                transactionCount += batch.transactions.count
            }
            try Self.checkReplay(batches, roots: roots, original: ledger, workload: workload)
        }
        #expect(transactionCount >= 1_000)
    }

    static func checkInvariants(of ledger: LedgerDatabase, workload: LedgerWorkload, batch: LedgerBatch,
                                result: BatchResult) throws {
        let holdings = try SupplyAudit.holdings(of: ledger)
        #expect(holdings.total == Token.supply, "height \(batch.height): the state holds \(holdings.total) base units")
        var balances: Amount = 0
        for address in workload.accounts.allAddresses {
            let balance = try ledger.account(address).balance
            #expect(balance <= Token.supply)
            balances += balance
        }
        #expect(balances == holdings.balances, "height \(batch.height): account balances do not add up to the audited total")
        var lastNonces: [AccountAddress: UInt64] = [:]
        for transaction in batch.transactions { lastNonces[transaction.signerAddress] = transaction.body.nonce }
        for (sender, nonce) in lastNonces {
            #expect(try ledger.account(sender).nonce == nonce + 1, "every included transaction uses its nonce")
        }
        #expect(result.outcomes.count == batch.transactions.count)
        for (plan, outcome) in zip(workload.lastPlans, result.outcomes) {
            #expect(outcome.status != "rejected")
            if let expected = plan.expectedFailure {
                #expect(outcome.status == "failed" && outcome.reasonCode == expected,
                        "a \(plan.kind) meant to fail with \(expected) gave \(outcome)")
            }
        }
    }

    static func checkReplay(_ batches: [LedgerBatch], roots: [[UInt8]], original: LedgerDatabase,
                            workload: LedgerWorkload) throws {
        let replay = try Self.ledger(for: workload)
        #expect(replay.stateRoot == roots[0])
        for (batch, root) in zip(batches, roots.dropFirst()) {
            #expect(try replay.apply(batch).stateRoot == root, "replayed height \(batch.height) gives another root")
            #expect(try original.stateRoot(atHeight: batch.height) == root)
        }
    }

    @Test("a batch with a replayed nonce, a skipped nonce or an expired transaction is refused whole")
    func refusedBatches() throws {
        var generator = SeededGenerator.make(for: "LedgerPropertyTests.refusedBatches")
        for _ in 0..<8 {
            var workload = LedgerWorkload(seed: generator.next(), accountCount: 16)
            let ledger = try Self.ledger(for: workload)
            var applied: [SignedTransaction] = []
            for _ in 0..<3 {
                let batch = try workload.nextBatch(ledger: ledger, transactionCount: 8, secondsAfter: 20)
                _ = try ledger.apply(batch)
                applied += batch.transactions
            }
            let next = try workload.nextBatch(ledger: ledger, transactionCount: 8, secondsAfter: 20)
            let replayed = try #require(applied.randomElement(using: &generator))
            var withReplay = next.transactions
            withReplay.insert(replayed, at: Int.random(in: 0...withReplay.count, using: &generator))
            try expectRefused(next, transactions: withReplay, by: ledger)
            let index = Int.random(in: next.transactions.indices, using: &generator)
            for change in [Self.expire, Self.skipNonce] {
                var changed = next.transactions
                changed[index] = try change(next.transactions[index], next.time, workload)
                try expectRefused(next, transactions: changed, by: ledger)
            }
            #expect(try ledger.apply(next).height == next.height, "the batch applies once it is left as it was")
        }
    }

    static func expire(_ transaction: SignedTransaction, time: UInt64, workload: LedgerWorkload) throws -> SignedTransaction {
        var body = transaction.body
        body.expiry = time - 1
        return try resign(body, as: transaction, workload: workload)
    }

    static func skipNonce(_ transaction: SignedTransaction, time: UInt64, workload: LedgerWorkload) throws -> SignedTransaction {
        var body = transaction.body
        body.nonce += 1
        return try resign(body, as: transaction, workload: workload)
    }

    static func resign(_ body: Transaction, as original: SignedTransaction, workload: LedgerWorkload) throws -> SignedTransaction {
        let key = try #require(workload.privateKey(of: original.signerAddress))
        return SignedTransaction(signing: body, chainID: LedgerWorkload.chainID, with: key)
    }

    /// Applies `batch` with `transactions` instead of its own and expects `invalidBatch`
    /// with nothing changed.
    private func expectRefused(_ batch: LedgerBatch, transactions: [SignedTransaction], by ledger: LedgerDatabase) throws {
        let (root, height, time) = (ledger.stateRoot, ledger.height, ledger.time)
        let changed = LedgerBatch(height: batch.height, time: batch.time, leader: batch.leader, transactions: transactions)
        let error = #expect(throws: LedgerError.self) { try ledger.apply(changed) }
        if let error, case .invalidBatch = error {} else { Issue.record("expected invalidBatch, got \(String(describing: error))") }
        #expect(ledger.stateRoot == root && ledger.height == height && ledger.time == time)
        #expect(try ledger.stateStore.recomputeRoot() == root, "the refused batch left rows behind")
    }

    @Test("a transaction that fails in the state machine still pays its fee and uses its nonce, and changes nothing else")
    func failuresPayFees() throws {
        var generator = SeededGenerator.make(for: "LedgerPropertyTests.failuresPayFees")
        var checked = 0
        for _ in 0..<8 {
            var workload = LedgerWorkload(seed: generator.next(), accountCount: 16)
            let ledger = try Self.ledger(for: workload)
            for _ in 0..<8 {
                _ = try ledger.apply(workload.nextBatch(ledger: ledger, transactionCount: 12, secondsAfter: 30))
            }
            workload.mix.failurePartsPerMillion = 1_000_000
            for _ in 0..<6 {
                let drawn = try workload.nextBatch(ledger: ledger, transactionCount: 1, secondsAfter: 0)
                let single = LedgerBatch(height: drawn.height, time: drawn.time, leader: nil, transactions: drawn.transactions)
                guard let expected = workload.lastPlans.first?.expectedFailure else {
                    _ = try ledger.apply(single)
                    continue
                }
                try checkFeeOnly(single, expected: expected, on: ledger)
                checked += 1
            }
        }
        #expect(checked >= 24)
    }

    /// Applies a one-transaction batch at the previous batch's time (so no event is due)
    /// and checks that only the fee moved.
    private func checkFeeOnly(_ batch: LedgerBatch, expected: String, on ledger: LedgerDatabase) throws {
        let transaction = batch.transactions[0]
        let sender = transaction.signerAddress
        let before = try ledger.account(sender)
        let stakes = try ledger.stakes(of: sender).map(\.amount)
        let totals = try ledger.systemTotals()
        let burned = transaction.body.fee * (try ledger.parameters()[.feeBurn]) / Token.partsPerMillion
        let result = try ledger.apply(batch)
        #expect(result.outcomes[0].reasonCode == expected && result.outcomes[0].status == "failed")
        let after = try ledger.account(sender)
        #expect(after.balance == before.balance - transaction.body.fee, "\(transaction.body.kind.name) failed without its fee")
        #expect(after.nonce == before.nonce + 1)
        #expect(try ledger.stakes(of: sender).map(\.amount) == stakes)
        #expect(try ledger.systemTotals() == (treasury: totals.treasury + transaction.body.fee - burned, burned: totals.burned + burned))
    }
}
