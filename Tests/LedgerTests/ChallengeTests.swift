import Testing
@testable import Ledger

/// Attribution challenges, validator votes and settlement: `LedgerStateMachine+Challenges.swift`.
@Suite("Challenges")
struct ChallengeTests {
    static let window: UInt64 = 86_400
    static let bond = Token.tokens(10)
    static let challenger = Marketplace.outsider
    static let hostStake = Token.tokens(Marketplace.hostTokens)

    static func correction(_ market: Marketplace) -> [AttributionEntry] {
        [AttributionEntry(contributionID: market.first, weightPPM: 500_000),
         AttributionEntry(contributionID: market.second, weightPPM: 500_000)]
    }

    static func challenge(_ receipt: [UInt8], _ correction: [AttributionEntry], bond: Amount = bond) -> TransactionKind {
        .attributionChallenge(AttributionChallenge(receiptID: receipt, correction: correction, bond: bond))
    }

    static func vote(_ challenge: [UInt8], uphold: Bool) -> TransactionKind {
        .challengeVote(ChallengeVote(challengeID: challenge, uphold: uphold))
    }

    /// A receipt, then a challenge of it by the outsider; returns the challenge id and its vote end.
    static func openChallenge(_ market: Marketplace) throws -> (id: [UInt8], voteEnd: UInt64) {
        let receipt = try market.applyReceipt()
        let fixture = market.fixture
        let id = fixture.nextCreatedID(by: challenger)
        try fixture.applyExpectingSuccess([fixture.transaction(challenge(receipt, correction(market)), from: challenger)])
        return (id, fixture.time + window)
    }

    /// Votes, then settles at the vote end.
    static func settle(_ market: Marketplace, _ id: [UInt8], voteEnd: UInt64, votes: [(Int, Bool)]) throws {
        let fixture = market.fixture
        if !votes.isEmpty {
            try fixture.applyExpectingSuccess(votes.map { fixture.transaction(vote(id, uphold: $0.1), from: $0.0) })
        }
        try fixture.advance(fixture.seconds(until: voteEnd))
    }

    // MARK: Opening

    @Test("a challenge escrows its bond and marks the receipt")
    func open() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let receipt = try market.applyReceipt()
        let balance = try fixture.balance(Self.challenger)
        let id = fixture.nextCreatedID(by: Self.challenger)
        let bond = Self.bond + 3
        try fixture.applyExpectingSuccess([fixture.transaction(Self.challenge(receipt, Self.correction(market), bond: bond),
                                                               from: Self.challenger)])
        #expect(try fixture.balance(Self.challenger) == balance - bond - LedgerFixture.fee)
        let record = try #require(try fixture.ledger.challenge(id))
        #expect(record.receiptID == receipt)
        #expect(record.challenger == fixture.addresses[Self.challenger])
        #expect(record.correction == Self.correction(market))
        #expect(record.bond == bond)
        #expect(record.voteEnd == fixture.time + Self.window)
        #expect(record.status == .open)
        #expect(try fixture.ledger.receipt(receipt)?.challengeID == id)
        #expect(try SupplyAudit.holdings(of: fixture.ledger).bonds == bond)
        try fixture.expectSupplyHeld()
    }

    @Test("a challenge opens until just before challenge_window_seconds after the receipt, not later")
    func openingWindow() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let first = fixture.nextCreatedID(by: Marketplace.host)
        let firstReceipt = fixture.transaction(market.receipt(fee: 100, attribution: market.attribution), from: Marketplace.host)
        let second = fixture.nextCreatedID(by: Marketplace.host)
        let secondReceipt = fixture.transaction(market.receipt(fee: 100, attribution: market.attribution), from: Marketplace.host)
        try fixture.applyExpectingSuccess([firstReceipt, secondReceipt])
        let receiptTime = fixture.time
        let inTime = fixture.transaction(Self.challenge(first, Self.correction(market)), from: Self.challenger,
                                         expiry: receiptTime + Self.window + 10)
        #expect(try fixture.outcome(of: inTime, after: Self.window - 1) == .applied)
        let late = fixture.transaction(Self.challenge(second, Self.correction(market)), from: Self.challenger,
                                       expiry: receiptTime + Self.window + 10)
        #expect(try fixture.outcome(of: late, after: 1) == .failed(.notAllowed("the challenge window has closed")))
    }

    @Test("the host, a low bond, an invalid or unchanged correction, a second challenge or no receipt fails")
    func badChallenges() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let receipt = try market.applyReceipt()
        let unbalanced = [AttributionEntry(contributionID: market.first, weightPPM: 500_000)]
        let result = try fixture.apply([
            fixture.transaction(Self.challenge(receipt, Self.correction(market)), from: Marketplace.host),
            fixture.transaction(Self.challenge(receipt, Self.correction(market), bond: Self.bond - 1), from: Self.challenger),
            fixture.transaction(Self.challenge(receipt, unbalanced), from: Self.challenger),
            fixture.transaction(Self.challenge(receipt, market.attribution), from: Self.challenger),
            fixture.transaction(Self.challenge(receipt, Self.correction(market), bond: LedgerFixture.balance), from: Self.challenger),
            fixture.transaction(Self.challenge(LedgerFixture.contentHash("no receipt"), Self.correction(market)),
                                from: Self.challenger),
            fixture.transaction(Self.challenge(receipt, Self.correction(market)), from: Marketplace.contributorB),
            fixture.transaction(Self.challenge(receipt, Self.correction(market)), from: Self.challenger),
        ])
        #expect(result.outcomes == [
            .failed(.selfVote), .failed(.invalidField("the bond is below challenge_bond_min")),
            .failed(.invalidAttribution("weights sum to 500000, not 1000000")),
            .failed(.invalidAttribution("the correction equals the receipt's attribution")),
            .failed(.insufficientBalance), .failed(.unknownReceipt), .applied,
            .failed(.duplicate("a challenge of this receipt")),
        ])
        try fixture.expectSupplyHeld()
    }

    // MARK: Votes

    @Test("validators vote with their stake; host, challenger, small stakes, repeats and unknown challenges fail")
    func votes() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        try fixture.applyExpectingSuccess([fixture.transaction(.stake(Stake(role: .validator, amount: Token.tokens(10_000) - 1)),
                                                               from: Marketplace.contributorB)])
        let (id, _) = try Self.openChallenge(market)
        let result = try fixture.apply([
            fixture.transaction(Self.vote(id, uphold: true), from: Marketplace.validatorA),
            fixture.transaction(Self.vote(id, uphold: false), from: Marketplace.validatorA),
            fixture.transaction(Self.vote(id, uphold: false), from: Marketplace.host),
            fixture.transaction(Self.vote(id, uphold: true), from: Self.challenger),
            fixture.transaction(Self.vote(id, uphold: true), from: Marketplace.contributorB),
            fixture.transaction(Self.vote(id, uphold: true), from: Marketplace.client),
            fixture.transaction(Self.vote(LedgerFixture.contentHash("none"), uphold: true), from: Marketplace.validatorB),
            fixture.transaction(Self.vote(id, uphold: false), from: Marketplace.validatorB),
        ])
        #expect(result.outcomes == [.applied, .failed(.doubleVote), .failed(.selfVote), .failed(.selfVote),
                                    .failed(.insufficientStake(.validator)), .failed(.insufficientStake(.validator)),
                                    .failed(.unknownChallenge), .applied])
        let votes = try #require(try fixture.ledger.challenge(id)).votes
        #expect(votes.map(\.weight) == [Token.tokens(20_000), Token.tokens(40_000)])
        #expect(votes.map(\.inFavour) == [true, false])
    }

    @Test("votes are taken until just before the vote window ends")
    func voteWindow() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let (id, voteEnd) = try Self.openChallenge(market)
        let last = fixture.transaction(Self.vote(id, uphold: true), from: Marketplace.validatorA, expiry: voteEnd + 10)
        #expect(try fixture.outcome(of: last, after: fixture.seconds(until: voteEnd - 1)) == .applied)
        let late = fixture.transaction(Self.vote(id, uphold: true), from: Marketplace.validatorB, expiry: voteEnd + 10)
        #expect(try fixture.outcome(of: late, after: 1) == .failed(.voteOutsideWindow))
    }

    // MARK: Settlement

    @Test("upheld: the host loses challenge_host_slash_ppm of its stake, the challenger gets its reward and bond back")
    func upheld() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let (id, voteEnd) = try Self.openChallenge(market)
        try fixture.applyExpectingSuccess([fixture.transaction(Self.vote(id, uphold: true), from: Marketplace.validatorB),
                                           fixture.transaction(Self.vote(id, uphold: false), from: Marketplace.validatorA)])
        let balance = try fixture.balance(Self.challenger)
        let burned = try fixture.burned()
        let treasury = try fixture.treasury()
        try fixture.advance(fixture.seconds(until: voteEnd))
        let slashed = Self.hostStake * 100_000 / 1_000_000
        let reward = slashed * 500_000 / 1_000_000
        #expect(try fixture.ledger.challenge(id)?.status == .upheld)
        #expect(try fixture.stake(Marketplace.host, .host) == Self.hostStake - slashed)
        #expect(try fixture.ledger.totalStake(of: .host) == Self.hostStake - slashed)
        #expect(try fixture.balance(Self.challenger) == balance + Self.bond + reward)
        #expect(try fixture.burned() == burned + slashed - reward)
        #expect(try fixture.treasury() == treasury)
        #expect(try fixture.ledger.payoutTotal(of: fixture.addresses[Self.challenger]) == reward)
        let hostEvents = try fixture.ledger.payouts(of: fixture.addresses[Marketplace.host])
        #expect(hostEvents.first?.reason == .hostSlash)
        #expect(hostEvents.first?.amount == slashed)
        try fixture.expectSupplyHeld()
    }

    @Test("dismissed: the bond goes to the treasury and the host keeps its stake",
          arguments: [[(Marketplace.validatorB, false), (Marketplace.validatorA, true)],
                      [(Marketplace.validatorB, false)]])
    func dismissed(votes: [(Int, Bool)]) throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let (id, voteEnd) = try Self.openChallenge(market)
        try fixture.applyExpectingSuccess(votes.map { fixture.transaction(Self.vote(id, uphold: $0.1), from: $0.0) })
        let balance = try fixture.balance(Self.challenger)
        let treasury = try fixture.treasury()
        try fixture.advance(fixture.seconds(until: voteEnd))
        #expect(try fixture.ledger.challenge(id)?.status == .dismissed)
        #expect(try fixture.balance(Self.challenger) == balance)
        #expect(try fixture.treasury() == treasury + Self.bond)
        #expect(try fixture.stake(Marketplace.host, .host) == Self.hostStake)
        let events = try fixture.ledger.payouts(of: fixture.addresses[Self.challenger])
        #expect(events.first?.reason == .challengeBondForfeit)
        #expect(events.first?.amount == Self.bond)
        try fixture.expectSupplyHeld()
    }

    @Test("a tie between equal validators dismisses")
    func tie() throws {
        let market = try Marketplace(validatorStakes: [(7, 20_000), (8, 20_000)])
        let fixture = market.fixture
        let (id, voteEnd) = try Self.openChallenge(market)
        try fixture.applyExpectingSuccess([fixture.transaction(Self.vote(id, uphold: true), from: 7),
                                           fixture.transaction(Self.vote(id, uphold: false), from: 8)])
        let treasury = try fixture.treasury()
        try fixture.advance(fixture.seconds(until: voteEnd))
        #expect(try fixture.ledger.challenge(id)?.status == .dismissed)
        #expect(try fixture.treasury() == treasury + Self.bond)
        try fixture.expectSupplyHeld()
    }

    @Test("without challenge_quorum_ppm of validator stake voting the challenge lapses and the bond returns",
          arguments: [[(Marketplace.validatorA, true)], []])
    func lapsed(votes: [(Int, Bool)]) throws {
        // 20,000 of 60,000 validator tokens is 333,333 ppm, short of 334,000.
        let market = try Marketplace()
        let fixture = market.fixture
        let (id, voteEnd) = try Self.openChallenge(market)
        let balance = try fixture.balance(Self.challenger)
        try Self.settle(market, id, voteEnd: voteEnd, votes: votes)
        #expect(try fixture.ledger.challenge(id)?.status == .lapsed)
        #expect(try fixture.balance(Self.challenger) == balance + Self.bond)
        #expect(try fixture.stake(Marketplace.host, .host) == Self.hostStake)
        try fixture.expectSupplyHeld()
    }

    @Test("quorum is compared exactly: 1 of 3 base units of validator stake is short of 334,000 ppm",
          arguments: [(Amount(1), Amount(2), ChallengeRecord.Status.lapsed),
                      (Token.tokens(334), Token.tokens(666), .upheld), (Token.tokens(334) - 1, Token.tokens(666), .lapsed)])
    func exactQuorum(voter: Amount, other: Amount, expected: ChallengeRecord.Status) throws {
        let market = try Marketplace(validatorStakes: [], parameters: ["validator_stake_min": "1"])
        let fixture = market.fixture
        try fixture.applyExpectingSuccess([
            fixture.transaction(.stake(Stake(role: .validator, amount: voter)), from: Marketplace.validatorA),
            fixture.transaction(.stake(Stake(role: .validator, amount: other)), from: Marketplace.validatorB),
        ])
        let (id, voteEnd) = try Self.openChallenge(market)
        try Self.settle(market, id, voteEnd: voteEnd, votes: [(Marketplace.validatorA, true)])
        #expect(try fixture.ledger.challenge(id)?.status == expected)
        try fixture.expectSupplyHeld()
    }
}
