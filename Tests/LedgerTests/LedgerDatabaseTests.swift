import Foundation
import Testing
@testable import Ledger

@Suite("LedgerDatabase")
struct LedgerDatabaseTests {
    @Test("a transfer moves the amount, charges the fee and bumps the nonce")
    func transfer() throws {
        let fixture = try LedgerFixture()
        let amount = Token.tokens(250)
        let result = try fixture.apply([fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: amount)), from: 0)])
        #expect(result.outcomes == [.applied])
        #expect(try fixture.balance(0) == LedgerFixture.balance - amount - LedgerFixture.fee)
        #expect(try fixture.balance(1) == LedgerFixture.balance + amount)
        #expect(try fixture.ledger.account(fixture.addresses[0]).nonce == 1)
        #expect(fixture.ledger.height == 1)
    }

    @Test("fees go to the leader less the burned share")
    func feesToLeader() throws {
        let fixture = try LedgerFixture()
        let transfer = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 1)), from: 0)
        try fixture.apply([transfer], leader: 2)
        let burned = LedgerFixture.fee * 200_000 / 1_000_000
        #expect(try fixture.balance(2) == LedgerFixture.balance + LedgerFixture.fee - burned)
        #expect(try fixture.ledger.systemTotals().burned == burned)
    }

    @Test("a failed transaction pays its fee and uses its nonce, and nothing else changes")
    func failedPaysFee() throws {
        let fixture = try LedgerFixture()
        let tooMuch = LedgerFixture.balance * 2
        let outcome = try fixture.outcome(of: fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: tooMuch)), from: 0))
        #expect(outcome == .failed(.insufficientBalance))
        #expect(try fixture.balance(0) == LedgerFixture.balance - LedgerFixture.fee)
        #expect(try fixture.balance(1) == LedgerFixture.balance)
        #expect(try fixture.ledger.account(fixture.addresses[0]).nonce == 1)
        let rows = try fixture.ledger.transactionOutcomes(height: 1)
        #expect(rows.map(\.status) == ["failed"])
        #expect(rows.map(\.reason) == ["insufficient_balance"])
    }

    @Test("a batch with an uncheckable transaction is refused whole and changes nothing")
    func rejectedBatch() throws {
        let fixture = try LedgerFixture()
        let root = fixture.ledger.stateRoot
        let good = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 5)), from: 0)
        let gap = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 5)), from: 1, nonce: 3)
        #expect(throws: LedgerError.self) { try fixture.apply([good, gap]) }
        #expect(fixture.ledger.stateRoot == root)
        #expect(fixture.ledger.height == 0)
        #expect(try fixture.balance(0) == LedgerFixture.balance)
    }

    @Test("batches must follow the last height and must not go back in time")
    func batchOrder() throws {
        let fixture = try LedgerFixture()
        #expect(throws: LedgerError.self) {
            try fixture.ledger.apply(LedgerBatch(height: 2, time: fixture.time + 1, leader: nil, transactions: []))
        }
        #expect(throws: LedgerError.self) {
            try fixture.ledger.apply(LedgerBatch(height: 1, time: fixture.time - 1, leader: nil, transactions: []))
        }
    }

    @Test("the same batches from the same genesis give the same state root, and reopening keeps it")
    func deterministicAndDurable() throws {
        let path = NSTemporaryDirectory() + "oln-ledger-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let first = try LedgerFixture(path: path)
        let second = try LedgerFixture()
        for fixture in [first, second] {
            try fixture.apply([
                fixture.transaction(.transfer(Transfer(to: fixture.addresses[3], amount: 7)), from: 0),
                fixture.transaction(.stake(Stake(role: .curator, amount: Token.tokens(500))), from: 1),
            ])
        }
        #expect(first.ledger.stateRoot == second.ledger.stateRoot)
        let root = first.ledger.stateRoot
        let reopened = try LedgerDatabase(path: path)
        #expect(reopened.stateRoot == root)
        #expect(reopened.height == 1)
        try reopened.initialize(with: first.genesis)
        #expect(throws: LedgerError.self) { try reopened.initialize(with: LedgerFixture(accountCount: 3).genesis) }
    }

    @Test("the genesis state holds exactly the supply")
    func genesisSupply() throws {
        let fixture = try LedgerFixture(stakes: [(0, .validator, 20_000)])
        #expect(try SupplyAudit.holdings(of: fixture.ledger).total == Token.supply)
    }

    @Test("stakers lists each role's accounts by address and follows stakes and unstakes")
    func stakers() throws {
        let fixture = try LedgerFixture(stakes: [(2, .validator, 20_000), (0, .validator, 15_000), (1, .sequencer, 10_000)])
        let validators = try fixture.ledger.stakers(of: .validator)
        #expect(validators.map(\.address) == [fixture.addresses[0], fixture.addresses[2]].sorted())
        #expect(Set(validators.map(\.amount)) == [Token.tokens(15_000), Token.tokens(20_000)])
        try fixture.apply([
            fixture.transaction(.unstake(Unstake(role: .validator, amount: Token.tokens(15_000))), from: 0),
            fixture.transaction(.stake(Stake(role: .validator, amount: Token.tokens(5))), from: 3),
        ])
        let after = try fixture.ledger.stakers(of: .validator)
        #expect(after.map(\.address) == [fixture.addresses[2], fixture.addresses[3]].sorted())
        #expect(try fixture.ledger.stakers(of: .sequencer).map(\.address) == [fixture.addresses[1]])
        #expect(try fixture.ledger.stakers(of: .host).isEmpty)
    }

    @Test("simulate reports what a batch would do and keeps nothing")
    func simulate() throws {
        let fixture = try LedgerFixture()
        let root = fixture.ledger.stateRoot
        let transfer = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 9)), from: 0)
        let batch = LedgerBatch(height: 1, time: fixture.time + 2, leader: nil, transactions: [transfer])
        let simulated = try fixture.ledger.simulate(batch)
        #expect(simulated.outcomes == [.applied])
        #expect(simulated.stateRoot != root)
        #expect(fixture.ledger.stateRoot == root)
        #expect(fixture.ledger.height == 0)
        #expect(try fixture.balance(1) == LedgerFixture.balance)
        #expect(try fixture.ledger.apply(batch).stateRoot == simulated.stateRoot)
    }

    @Test("build drops what cannot be included, and its root is the root of applying what it kept")
    func build() throws {
        let fixture = try LedgerFixture()
        let good = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 5)), from: 0)
        let gap = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 5)), from: 1, nonce: 7)
        let expired = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 5)), from: 2, expiry: 1)
        let candidates = [good, gap, expired].map { PreverifiedTransaction($0, chainID: LedgerFixture.chainID) }
        let (batch, result) = try fixture.ledger.build(height: 1, time: fixture.time + 2, leader: nil, candidates: candidates)
        #expect(batch.transactions.map(\.signature) == [good.signature])
        #expect(result.outcomes == [.applied])
        #expect(fixture.ledger.height == 0)
        #expect(try fixture.ledger.apply(batch).stateRoot == result.stateRoot)
    }
}
