import Testing
@testable import Ledger

/// Amounts near 2^128 in transactions: each fails with a reason, nothing traps, and the
/// supply stays whole.
@Suite("Amount overflow")
struct AmountOverflowTests {
    @Test("transfers, stakes and unstakes of the largest amount fail with a reason")
    func largestAmounts() throws {
        let fixture = try LedgerFixture(stakes: [(1, .curator, 100)])
        let result = try fixture.apply([
            fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: .max)), from: 0),
            fixture.transaction(.stake(Stake(role: .validator, amount: .max)), from: 0),
            fixture.transaction(.unstake(Unstake(role: .curator, amount: .max)), from: 1),
        ])
        #expect(result.outcomes == [.failed(.insufficientBalance), .failed(.insufficientBalance),
                                    .failed(.insufficientStake(.curator))])
        #expect(try SupplyAudit.holdings(of: fixture.ledger).total == Token.supply)
    }

    @Test("a fee of the largest amount is not covered; the transaction is refused, not applied")
    func largestFee() throws {
        let fixture = try LedgerFixture()
        let transaction = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 1)), from: 0, fee: .max)
        #expect(throws: LedgerError.self) { try fixture.apply([transaction]) }
        #expect(try fixture.balance(0) == LedgerFixture.balance)
    }

    @Test("the minimum fee saturates instead of overflowing when governed gas is huge")
    func saturatingMinimumFee() throws {
        let fixture = try LedgerFixture(parameters: ["gas_price": "\(Token.baseUnitsPerToken)", "gas_per_byte": "1000000"])
        let transaction = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 1)), from: 0)
        #expect(try fixture.ledger.inclusionCheck(transaction, at: fixture.time + 2) == .feeBelowMinimum(
            minimum: (21_000 + 1_000_000 * Amount(transaction.bodyBytes.count)) * Token.baseUnitsPerToken))
    }
}
