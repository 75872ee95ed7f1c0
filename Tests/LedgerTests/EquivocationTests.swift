import Sodium
import Testing
@testable import Ledger

/// Evidence of a sequencer signing two headers for one slot: `LedgerStateMachine+Evidence.swift`.
@Suite("Equivocation")
struct EquivocationTests {
    static let sequencer = 0, reporter = 1
    static let stake = Token.tokens(10_000)
    static let unbondingPeriod: UInt64 = 7 * 86_400

    static func fixture() throws -> LedgerFixture {
        try LedgerFixture(stakes: [(0, .sequencer, 10_000), (0, .validator, 10_000), (2, .sequencer, 10_000)])
    }

    static func header(slot: UInt64, stateByte: UInt8 = 1, time: UInt64 = 1_767_225_700) -> BatchHeader {
        BatchHeader(height: slot + 1, slot: slot, parentHash: [UInt8](repeating: 7, count: 32),
                    transactionsRoot: [UInt8](repeating: 8, count: 32),
                    stateRoot: [UInt8](repeating: stateByte, count: 32), time: time)
    }

    static func signed(_ header: BatchHeader, by index: Int, _ fixture: LedgerFixture,
                       chainID: UInt64 = LedgerFixture.chainID) -> [UInt8] {
        SignedMessage(signing: header, chainID: chainID, with: fixture.keys[index]).envelopeBytes
    }

    static func evidence(_ first: [UInt8], _ second: [UInt8]) -> TransactionKind {
        .equivocationEvidence(EquivocationEvidence(first: first, second: second))
    }

    @Test("two headers for one slot: equivocation_slash_ppm of the sequencer stake burned, the rest unbonding, jailed")
    func slashed() throws {
        let fixture = try Self.fixture()
        let burned = try fixture.burned()
        let evidence = Self.evidence(Self.signed(Self.header(slot: 9), by: 0, fixture),
                                     Self.signed(Self.header(slot: 9, stateByte: 2), by: 0, fixture))
        #expect(try fixture.outcome(of: evidence, from: Self.reporter) == .applied)
        let evidenceTime = fixture.time
        let slashed = Self.stake * 100_000 / 1_000_000
        #expect(try fixture.stake(0, .sequencer) == 0)
        #expect(try fixture.stake(0, .validator) == Self.stake)
        #expect(try fixture.ledger.totalStake(of: .sequencer) == Self.stake)
        #expect(try fixture.burned() == burned + slashed + LedgerFixture.fee / 5)
        #expect(try SupplyAudit.holdings(of: fixture.ledger).unbonding == Self.stake - slashed)
        let events = try fixture.ledger.payouts(of: fixture.addresses[0])
        #expect(events.map(\.reason) == [.equivocationSlash])
        #expect(events.map(\.amount) == [slashed])
        try fixture.expectSupplyHeld()

        let result = try fixture.apply([
            fixture.transaction(.stake(Stake(role: .sequencer, amount: Token.tokens(1))), from: 0),
            fixture.transaction(.stake(Stake(role: .validator, amount: Token.tokens(1))), from: 0),
        ])
        #expect(result.outcomes[0].reasonCode == "not_allowed")
        #expect(result.outcomes[1] == .applied)
        let balance = try fixture.balance(0)
        try fixture.advance(fixture.seconds(until: evidenceTime + Self.unbondingPeriod))
        #expect(try fixture.balance(0) == balance + Self.stake - slashed)
        try fixture.expectSupplyHeld()
    }

    @Test("a second piece of evidence for the same sequencer and slot fails as a duplicate; another slot does not")
    func duplicate() throws {
        let fixture = try Self.fixture()
        let first = Self.evidence(Self.signed(Self.header(slot: 9), by: 0, fixture),
                                  Self.signed(Self.header(slot: 9, stateByte: 2), by: 0, fixture))
        let again = Self.evidence(Self.signed(Self.header(slot: 9, stateByte: 3), by: 0, fixture),
                                  Self.signed(Self.header(slot: 9, stateByte: 4), by: 0, fixture))
        let otherSlot = Self.evidence(Self.signed(Self.header(slot: 10), by: 0, fixture),
                                      Self.signed(Self.header(slot: 10, stateByte: 2), by: 0, fixture))
        let result = try fixture.apply([first, again, otherSlot].map { fixture.transaction($0, from: Self.reporter) })
        #expect(result.outcomes == [.applied, .failed(.duplicate("evidence for this slot")), .applied])
        try fixture.expectSupplyHeld()
    }

    @Test("different slots, different signers, identical headers, another chain or garbage is invalid evidence")
    func invalid() throws {
        let fixture = try Self.fixture()
        let header = Self.header(slot: 9)
        let other = Self.header(slot: 9, stateByte: 2)
        let pairs: [([UInt8], [UInt8])] = [
            (Self.signed(header, by: 0, fixture), Self.signed(Self.header(slot: 10, stateByte: 2), by: 0, fixture)),
            (Self.signed(header, by: 0, fixture), Self.signed(other, by: 2, fixture)),
            (Self.signed(header, by: 0, fixture), Self.signed(header, by: 0, fixture)),
            (Self.signed(header, by: 0, fixture, chainID: 1), Self.signed(other, by: 0, fixture, chainID: 1)),
            (Self.signed(header, by: 0, fixture), Self.signed(other, by: 0, fixture, chainID: 1)),
            (Self.signed(header, by: 0, fixture), [0x0a, 0x01, 0x00]),
        ]
        let result = try fixture.apply(pairs.map { fixture.transaction(Self.evidence($0.0, $0.1), from: Self.reporter) })
        #expect(result.outcomes.map(\.reasonCode) == Array(repeating: "invalid_evidence", count: pairs.count))
        #expect(result.outcomes[0] == .failed(.invalidEvidence("the headers are for different slots")))
        #expect(result.outcomes[1] == .failed(.invalidEvidence("the headers were signed by different keys")))
        #expect(result.outcomes[2] == .failed(.invalidEvidence("the headers are identical")))
        #expect(try fixture.stake(0, .sequencer) == Self.stake)
        #expect(try fixture.stake(2, .sequencer) == Self.stake)
        try fixture.expectSupplyHeld()
    }

    @Test("a sequencer without stake is still jailed for equivocating")
    func unstakedSequencer() throws {
        let fixture = try Self.fixture()
        let evidence = Self.evidence(Self.signed(Self.header(slot: 3), by: 5, fixture),
                                     Self.signed(Self.header(slot: 3, stateByte: 9), by: 5, fixture))
        #expect(try fixture.outcome(of: evidence, from: Self.reporter) == .applied)
        #expect(try fixture.outcome(of: .stake(Stake(role: .sequencer, amount: Token.tokens(1))), from: 5).reasonCode
                == "not_allowed")
        #expect(try fixture.outcome(of: evidence, from: Self.reporter) == .failed(.duplicate("evidence for this slot")))
        try fixture.expectSupplyHeld()
    }
}
