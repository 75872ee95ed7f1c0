import Testing
@testable import Ledger

/// Genesis vesting allocations and ClaimVesting: `VestingRecord` and
/// `LedgerStateMachine.handleClaimVesting`.
@Suite("Vesting")
struct VestingTests {
    static let genesisTime = LedgerFixture.genesisTime
    /// Allocation 0 of account 0: 100 tokens at once, the rest linear over 9,999 s after a
    /// 1,000 s cliff. The odd 7 base units make the linear part round.
    static let total: Amount = Token.tokens(1_000) + 7
    static let unlocked = Token.tokens(100)
    static let cliff: UInt64 = 1_000
    static let duration: UInt64 = 9_999

    static func fixture() throws -> LedgerFixture {
        try LedgerFixture(allocations: [
            .init(account: 0, amount: "1000.000000000000000007", unlockedAtStart: "100", cliffSeconds: cliff,
                  vestingSeconds: duration),
            .init(account: 1, amount: "300", unlockedAtStart: nil, cliffSeconds: 500, vestingSeconds: 1_000),
            .init(account: 2, amount: "42", unlockedAtStart: nil, cliffSeconds: 0, vestingSeconds: 0),
        ])
    }

    /// Vested amount of allocation 0 at `time`, from the documented schedule.
    static func vested(at time: UInt64) -> Amount {
        if time < genesisTime + cliff { return unlocked }
        let elapsed = Amount(time - genesisTime - cliff)
        if elapsed >= Amount(duration) { return total }
        return unlocked + (total - unlocked) * elapsed / Amount(duration)
    }

    static func claim(_ allocation: UInt32) -> TransactionKind {
        .claimVesting(ClaimVesting(allocation: allocation))
    }

    @Test("genesis keeps allocations locked and inside the supply")
    func locked() throws {
        let fixture = try Self.fixture()
        let holdings = try SupplyAudit.holdings(of: fixture.ledger)
        #expect(holdings.locked == Self.total + Token.tokens(342))
        #expect(try fixture.ledger.vesting(of: fixture.addresses[0], allocation: 0)?.total == Self.total)
        #expect(try fixture.ledger.vesting(of: fixture.addresses[0], allocation: 1) == nil)
        try fixture.expectSupplyHeld()
    }

    @Test("the amount unlocked at the start is claimable at once; before the cliff nothing more")
    func beforeCliff() throws {
        let fixture = try Self.fixture()
        #expect(try fixture.outcome(of: Self.claim(0), from: 0) == .applied)
        #expect(try fixture.balance(0) == LedgerFixture.balance + Self.unlocked - LedgerFixture.fee)
        let again = try fixture.outcome(of: Self.claim(0), from: 0,
                                        after: fixture.seconds(until: Self.genesisTime + Self.cliff - 1))
        #expect(again == .failed(.nothingVested))
        #expect(try fixture.balance(0) == LedgerFixture.balance + Self.unlocked - 2 * LedgerFixture.fee)
        #expect(try fixture.ledger.vesting(of: fixture.addresses[0], allocation: 0)?.claimed == Self.unlocked)
        try fixture.expectSupplyHeld()
    }

    @Test("an allocation with nothing unlocked at the start has nothing vested before its cliff")
    func nothingBeforeCliff() throws {
        let fixture = try Self.fixture()
        let outcome = try fixture.outcome(of: Self.claim(1), from: 1, after: 499)
        #expect(outcome == .failed(.nothingVested))
        #expect(outcome.reasonCode == "nothing_vested")
        #expect(try fixture.balance(1) == LedgerFixture.balance - LedgerFixture.fee)
        try fixture.expectSupplyHeld()
    }

    @Test("during the linear part the claim is exactly the proportional amount, rounded down",
          arguments: [UInt64(0), 1, 3_333, 5_000, 9_998])
    func linear(elapsed: UInt64) throws {
        let fixture = try Self.fixture()
        let time = Self.genesisTime + Self.cliff + elapsed
        #expect(try fixture.outcome(of: Self.claim(0), from: 0, after: fixture.seconds(until: time)) == .applied)
        let expected = Self.unlocked + (Self.total - Self.unlocked) * Amount(elapsed) / Amount(Self.duration)
        #expect(expected == Self.vested(at: time))
        #expect(try fixture.balance(0) == LedgerFixture.balance + expected - LedgerFixture.fee)
        try fixture.expectSupplyHeld()
    }

    @Test("successive claims add up to what has vested; after the end everything, then nothing more")
    func successiveClaims() throws {
        let fixture = try Self.fixture()
        var claimed: Amount = 0
        let times = [Self.genesisTime + 2, Self.genesisTime + Self.cliff + 1_234, Self.genesisTime + Self.cliff + 7_777,
                     Self.genesisTime + Self.cliff + Self.duration]
        for (count, time) in times.enumerated() {
            #expect(try fixture.outcome(of: Self.claim(0), from: 0, after: fixture.seconds(until: time)) == .applied)
            #expect(try fixture.balance(0) - (LedgerFixture.balance - Amount(count + 1) * LedgerFixture.fee)
                    == Self.vested(at: time))
            claimed = Self.vested(at: time)
        }
        #expect(claimed == Self.total)
        #expect(try fixture.outcome(of: Self.claim(0), from: 0, after: 100_000) == .failed(.nothingVested))
        let record = try #require(try fixture.ledger.vesting(of: fixture.addresses[0], allocation: 0))
        #expect(record.claimed == Self.total)
        #expect(record.locked == 0)
        try fixture.expectSupplyHeld()
    }

    @Test("an allocation without cliff or duration is wholly claimable at genesis")
    func immediate() throws {
        let fixture = try Self.fixture()
        #expect(try fixture.outcome(of: Self.claim(2), from: 2) == .applied)
        #expect(try fixture.balance(2) == LedgerFixture.balance + Token.tokens(42) - LedgerFixture.fee)
        try fixture.expectSupplyHeld()
    }

    @Test("claiming another account's allocation or one that does not exist fails with unknown_allocation")
    func unknownAllocation() throws {
        let fixture = try Self.fixture()
        let result = try fixture.apply([
            fixture.transaction(Self.claim(1), from: 0),
            fixture.transaction(Self.claim(3), from: 0),
            fixture.transaction(Self.claim(0), from: 5),
        ])
        #expect(result.outcomes == Array(repeating: .failed(.unknownAllocation), count: 3))
        #expect(try fixture.ledger.vesting(of: fixture.addresses[1], allocation: 1)?.claimed == 0)
        try fixture.expectSupplyHeld()
    }

    @Test("a stored vesting record round-trips; one claiming or unlocking more than its total is refused")
    func storedRecord() throws {
        var record = VestingRecord(total: Self.total, unlockedAtStart: Self.unlocked, start: 5, cliffSeconds: 6,
                                   durationSeconds: 7)
        record.claimed = Self.unlocked
        #expect(try VestingRecord.decodeStored(record.encoded) == record)
        var overclaimed = record
        overclaimed.claimed = Self.total + 1
        #expect(throws: LedgerError.self) { try VestingRecord.decodeStored(overclaimed.encoded) }
        var overunlocked = record
        overunlocked.unlockedAtStart = Self.total + 1
        #expect(throws: LedgerError.self) { try VestingRecord.decodeStored(overunlocked.encoded) }
    }

    @Test("VestingRecord.vested follows the schedule around the start, the cliff and the end")
    func vestedSchedule() {
        let record = VestingRecord(total: 1_000, unlockedAtStart: 100, start: 10_000, cliffSeconds: 50, durationSeconds: 900)
        #expect(record.vested(at: 0) == 0)
        #expect(record.vested(at: 9_999) == 0)
        #expect(record.vested(at: 10_000) == 100)
        #expect(record.vested(at: 10_049) == 100)
        #expect(record.vested(at: 10_050) == 100)
        #expect(record.vested(at: 10_051) == 101)
        #expect(record.vested(at: 10_500) == 550)
        #expect(record.vested(at: 10_949) == 999)
        #expect(record.vested(at: 10_950) == 1_000)
        #expect(record.vested(at: .max) == 1_000)
        let huge = VestingRecord(total: Token.supply, unlockedAtStart: 0, start: 0, cliffSeconds: 0, durationSeconds: .max)
        // supply · (M − 1) / M rounded down is supply − ⌈supply / M⌉, with no 128-bit overflow.
        let whole = Amount(UInt64.max)
        let ceiling = Token.supply / whole + (Token.supply % whole == 0 ? 0 : 1)
        #expect(huge.vested(at: .max - 1) == Token.supply - ceiling)
    }
}
