import Testing
@testable import Ledger

/// Transfers, stakes and unbonding: `LedgerStateMachine+Economy.swift`.
@Suite("Economy")
struct EconomyTests {
    static let fee = LedgerFixture.fee
    static let start = LedgerFixture.balance
    static let unbondingPeriod: UInt64 = 7 * 86_400

    @Test("a transfer moves exactly the amount; the sender also pays the fee")
    func transfer() throws {
        let fixture = try LedgerFixture()
        let amount = Token.tokens(1_234) + 567
        let outcome = try fixture.outcome(of: .transfer(Transfer(to: fixture.addresses[1], amount: amount)), from: 0)
        #expect(outcome == .applied)
        #expect(try fixture.balance(0) == Self.start - amount - Self.fee)
        #expect(try fixture.balance(1) == Self.start + amount)
        try fixture.expectSupplyHeld()
    }

    @Test("a transfer to oneself only costs the fee")
    func transferToSelf() throws {
        let fixture = try LedgerFixture()
        #expect(try fixture.outcome(of: .transfer(Transfer(to: fixture.addresses[0], amount: 99)), from: 0) == .applied)
        #expect(try fixture.balance(0) == Self.start - Self.fee)
        try fixture.expectSupplyHeld()
    }

    @Test("a zero transfer fails with zero_amount and still pays the fee")
    func zeroTransfer() throws {
        let fixture = try LedgerFixture()
        let outcome = try fixture.outcome(of: .transfer(Transfer(to: fixture.addresses[1], amount: 0)), from: 0)
        #expect(outcome == .failed(.zeroAmount))
        #expect(outcome.reasonCode == "zero_amount")
        #expect(try fixture.balance(0) == Self.start - Self.fee)
        #expect(try fixture.balance(1) == Self.start)
        #expect(try fixture.ledger.account(fixture.addresses[0]).nonce == 1)
        try fixture.expectSupplyHeld()
    }

    @Test("a transfer of the whole balance after the fee applies; one base unit more fails")
    func balanceBoundary() throws {
        let fixture = try LedgerFixture()
        let all = Self.start - Self.fee
        let tooMuch = fixture.transaction(.transfer(Transfer(to: fixture.addresses[2], amount: all + 1)), from: 0)
        let exact = fixture.transaction(.transfer(Transfer(to: fixture.addresses[2], amount: all)), from: 1)
        let result = try fixture.apply([tooMuch, exact])
        #expect(result.outcomes == [.failed(.insufficientBalance), .applied])
        #expect(try fixture.balance(0) == Self.start - Self.fee)
        #expect(try fixture.balance(1) == 0)
        #expect(try fixture.balance(2) == Self.start + all)
        try fixture.expectSupplyHeld()
    }

    @Test("fees without a leader go to the treasury less the burned share")
    func feesToTreasury() throws {
        let fixture = try LedgerFixture()
        let treasury = try fixture.treasury()
        try fixture.applyExpectingSuccess((0..<3).map {
            fixture.transaction(.transfer(Transfer(to: fixture.addresses[7], amount: 1)), from: $0)
        })
        #expect(try fixture.treasury() == treasury + LedgerFixture.treasuryIncome(fromFees: 3))
        #expect(try fixture.burned() == 3 * Self.fee / 5)
        try fixture.expectSupplyHeld()
    }

    @Test("staking moves the balance into the role's stake and the role total", arguments: StakeRole.allCases)
    func stake(role: StakeRole) throws {
        let fixture = try LedgerFixture(stakes: [(3, role, 700)])
        let amount = Token.tokens(2_500) + 1
        #expect(try fixture.outcome(of: .stake(Stake(role: role, amount: amount)), from: 0) == .applied)
        #expect(try fixture.balance(0) == Self.start - amount - Self.fee)
        #expect(try fixture.stake(0, role) == amount)
        #expect(try fixture.ledger.totalStake(of: role) == amount + Token.tokens(700))
        for other in StakeRole.allCases where other != role {
            #expect(try fixture.ledger.totalStake(of: other) == 0)
        }
        try fixture.expectSupplyHeld()
    }

    @Test("stakes of several roles are kept apart")
    func stakesPerRole() throws {
        let fixture = try LedgerFixture()
        try fixture.applyExpectingSuccess([
            fixture.transaction(.stake(Stake(role: .curator, amount: Token.tokens(100))), from: 0),
            fixture.transaction(.stake(Stake(role: .host, amount: Token.tokens(300))), from: 0),
            fixture.transaction(.stake(Stake(role: .curator, amount: Token.tokens(50))), from: 0),
        ])
        let stakes = try fixture.ledger.stakes(of: fixture.addresses[0])
        #expect(stakes.map(\.role) == [.curator, .host])
        #expect(stakes.map(\.amount) == [Token.tokens(150), Token.tokens(300)])
        #expect(try fixture.balance(0) == Self.start - Token.tokens(450) - 3 * Self.fee)
    }

    @Test("staking more than the balance or nothing fails")
    func stakeFailures() throws {
        let fixture = try LedgerFixture()
        let result = try fixture.apply([
            fixture.transaction(.stake(Stake(role: .validator, amount: Self.start)), from: 0),
            fixture.transaction(.stake(Stake(role: .validator, amount: 0)), from: 1),
        ])
        #expect(result.outcomes == [.failed(.insufficientBalance), .failed(.zeroAmount)])
        #expect(try fixture.ledger.totalStake(of: .validator) == 0)
        #expect(try fixture.balance(0) == Self.start - Self.fee)
        try fixture.expectSupplyHeld()
    }

    @Test("unstaking starts unbonding; the amount returns exactly unbonding_period_seconds later")
    func unbonding() throws {
        let fixture = try LedgerFixture(stakes: [(0, .validator, 20_000)])
        let amount = Token.tokens(5_000) + 3
        try fixture.applyExpectingSuccess([fixture.transaction(.unstake(Unstake(role: .validator, amount: amount)), from: 0)])
        let unstakeTime = fixture.time
        let afterUnstake = Self.start - Self.fee
        #expect(try fixture.stake(0, .validator) == Token.tokens(20_000) - amount)
        #expect(try fixture.ledger.totalStake(of: .validator) == Token.tokens(20_000) - amount)
        #expect(try fixture.balance(0) == afterUnstake)
        #expect(try SupplyAudit.holdings(of: fixture.ledger).unbonding == amount)
        try fixture.expectSupplyHeld()

        try fixture.advance(fixture.seconds(until: unstakeTime + Self.unbondingPeriod - 1))
        #expect(try fixture.balance(0) == afterUnstake)
        #expect(try SupplyAudit.holdings(of: fixture.ledger).unbonding == amount)
        try fixture.advance(1)
        #expect(fixture.time == unstakeTime + Self.unbondingPeriod)
        #expect(try fixture.balance(0) == afterUnstake + amount)
        #expect(try SupplyAudit.holdings(of: fixture.ledger).unbonding == 0)
        try fixture.expectSupplyHeld()
    }

    @Test("two unstakes in one batch merge into one entry that is released once")
    func unbondingMerges() throws {
        let fixture = try LedgerFixture(stakes: [(0, .curator, 1_000)])
        try fixture.applyExpectingSuccess([
            fixture.transaction(.unstake(Unstake(role: .curator, amount: Token.tokens(100))), from: 0),
            fixture.transaction(.unstake(Unstake(role: .curator, amount: Token.tokens(200))), from: 0),
        ])
        #expect(try SupplyAudit.holdings(of: fixture.ledger).unbonding == Token.tokens(300))
        try fixture.advance(Self.unbondingPeriod)
        #expect(try fixture.balance(0) == Self.start - 2 * Self.fee + Token.tokens(300))
        try fixture.advance(Self.unbondingPeriod)
        #expect(try fixture.balance(0) == Self.start - 2 * Self.fee + Token.tokens(300))
        try fixture.expectSupplyHeld()
    }

    @Test("unstaking more than is staked, from another role, or nothing fails")
    func unstakeFailures() throws {
        let fixture = try LedgerFixture(stakes: [(0, .host, 1_000)])
        let result = try fixture.apply([
            fixture.transaction(.unstake(Unstake(role: .host, amount: Token.tokens(1_000) + 1)), from: 0),
            fixture.transaction(.unstake(Unstake(role: .curator, amount: 1)), from: 0),
            fixture.transaction(.unstake(Unstake(role: .host, amount: 0)), from: 0),
        ])
        #expect(result.outcomes == [.failed(.insufficientStake(.host)), .failed(.insufficientStake(.curator)),
                                    .failed(.zeroAmount)])
        #expect(try fixture.stake(0, .host) == Token.tokens(1_000))
        #expect(try fixture.ledger.totalStake(of: .host) == Token.tokens(1_000))
        #expect(try SupplyAudit.holdings(of: fixture.ledger).unbonding == 0)
        try fixture.expectSupplyHeld()
    }

    @Test("the minimum fee is (base gas of the kind + gas_per_byte · body bytes) · gas_price")
    func minimumFee() throws {
        let fixture = try LedgerFixture()
        let probe = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 1)), from: 0, nonce: 0, fee: 1)
        let minimum = (21_000 + 10 * Amount(probe.bodyBytes.count)) * 1_000_000_000
        #expect(try fixture.ledger.inclusionCheck(probe, at: fixture.time + 2) == .feeBelowMinimum(minimum: minimum))
        let exact = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 1)), from: 0, nonce: 0, fee: minimum)
        #expect(exact.bodyBytes.count == probe.bodyBytes.count + 5)
        let exactMinimum = (21_000 + 10 * Amount(exact.bodyBytes.count)) * 1_000_000_000
        let paying = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 1)), from: 0, nonce: 0,
                                         fee: exactMinimum)
        #expect(try fixture.ledger.inclusionCheck(paying, at: fixture.time + 2) == nil)
        let short = fixture.transaction(.transfer(Transfer(to: fixture.addresses[1], amount: 1)), from: 0, nonce: 0,
                                        fee: exactMinimum - 1)
        #expect(try fixture.ledger.inclusionCheck(short, at: fixture.time + 2) == .feeBelowMinimum(minimum: exactMinimum))
    }
}
