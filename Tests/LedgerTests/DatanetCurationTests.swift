import Sodium
import Testing
@testable import Ledger

/// Datanets, contributions, curation votes and their settlement:
/// `LedgerStateMachine+Datanets.swift` and `LedgerStateMachine+Curation.swift`.
@Suite("Datanets and curation")
struct DatanetCurationTests {
    static let window: UInt64 = 3_600
    static let bond = Token.tokens(10)

    /// Account 0 owns the datanet; curators 1, 2, 3 hold 1,000, 2,000 and 4,000 tokens of
    /// curator stake; account 4 contributes and also holds 500 curator stake; 5 holds 50.
    static func fixture() throws -> (LedgerFixture, datanet: [UInt8]) {
        let fixture = try LedgerFixture(stakes: [(1, .curator, 1_000), (2, .curator, 2_000), (3, .curator, 4_000),
                                                 (4, .curator, 500), (5, .curator, 50)])
        let datanet = fixture.nextCreatedID(by: 0)
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.createDatanet("main"), from: 0)])
        return (fixture, datanet)
    }

    /// Contributes `content` from account 4 and returns the contribution id.
    static func contribute(_ fixture: LedgerFixture, _ datanet: [UInt8], _ content: String,
                           bond: Amount = bond) throws -> [UInt8] {
        let id = fixture.nextCreatedID(by: 4)
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.contribute(to: datanet, content: content,
                                                                                       bond: bond), from: 4)])
        return id
    }

    static func votes(_ fixture: LedgerFixture, _ contribution: [UInt8], _ votes: [(Int, Bool)]) throws {
        try fixture.applyExpectingSuccess(votes.map {
            fixture.transaction(LedgerFixture.curationVote(contribution, accept: $0.1), from: $0.0)
        })
    }

    // MARK: Creating datanets

    @Test("a datanet records its owner, description and rules at version 0")
    func create() throws {
        let (fixture, datanet) = try Self.fixture()
        let record = try #require(try fixture.ledger.datanet(datanet))
        #expect(record.owner == fixture.addresses[0])
        #expect(record.name == "main")
        #expect(record.tags == ["test"])
        #expect(record.rules == LedgerFixture.rules())
        #expect(record.version == 0)
        #expect(record.versionRoot.isEmpty)
        #expect(record.createdTime == fixture.time)
    }

    @Test("the vote window must lie within the governed bounds; quorum and payload limit must be positive",
          arguments: [(UInt64(3_599), true), (3_600, false), (2_592_000, false), (2_592_001, true)])
    func window(seconds: UInt64, refused: Bool) throws {
        let fixture = try LedgerFixture()
        let outcome = try fixture.outcome(of: LedgerFixture.createDatanet("w", rules: LedgerFixture.rules(voteWindowSeconds: seconds)),
                                          from: 0)
        #expect(outcome.reasonCode == (refused ? "invalid_field" : ""))
    }

    @Test("curator_stake_min below the governed minimum, zero quorum or zero payload limit is refused")
    func badRules() throws {
        let fixture = try LedgerFixture()
        let result = try fixture.apply([
            LedgerFixture.rules(curatorStakeMin: Token.tokens(100) - 1),
            LedgerFixture.rules(quorum: 0),
            LedgerFixture.rules(payloadByteCountMax: 0),
            LedgerFixture.rules(curatorStakeMin: Token.tokens(100), contributionBond: 0),
        ].map { fixture.transaction(LedgerFixture.createDatanet("r", rules: $0), from: 0) })
        #expect(result.outcomes.map(\.reasonCode) == ["invalid_field", "invalid_field", "invalid_field", ""])
    }

    // MARK: Contributions

    @Test("a contribution escrows its bond until it settles")
    func bondEscrowed() throws {
        let (fixture, datanet) = try Self.fixture()
        let bond = Self.bond + 5
        let id = try Self.contribute(fixture, datanet, "escrow", bond: bond)
        #expect(try fixture.balance(4) == LedgerFixture.balance - bond - LedgerFixture.fee)
        let record = try #require(try fixture.ledger.contribution(id))
        #expect(record.status == .pending)
        #expect(record.bond == bond)
        #expect(record.contributor == fixture.addresses[4])
        #expect(record.contentHash == LedgerFixture.contentHash("escrow"))
        #expect(record.windowEnd == fixture.time + Self.window)
        #expect(try SupplyAudit.holdings(of: fixture.ledger).bonds == bond)
        #expect(try fixture.ledger.contributionIDs(datanet: datanet, status: .pending) == [id])
        try fixture.expectSupplyHeld()
    }

    @Test("an unknown datanet, a payload size outside the rules, a low bond or a bond beyond the balance fails")
    func badContributions() throws {
        let (fixture, datanet) = try Self.fixture()
        let result = try fixture.apply([
            LedgerFixture.contribute(to: LedgerFixture.contentHash("nowhere"), content: "a"),
            LedgerFixture.contribute(to: datanet, content: "b", byteCount: 0),
            LedgerFixture.contribute(to: datanet, content: "c", byteCount: (1 << 20) + 1),
            LedgerFixture.contribute(to: datanet, content: "d", bond: Self.bond - 1),
            LedgerFixture.contribute(to: datanet, content: "e", bond: LedgerFixture.balance),
            LedgerFixture.contribute(to: datanet, content: "f", byteCount: 1 << 20),
        ].map { fixture.transaction($0, from: 6) })
        #expect(result.outcomes.map(\.reasonCode)
                == ["unknown_datanet", "invalid_field", "invalid_field", "invalid_field", "insufficient_balance", ""])
        #expect(try fixture.balance(6) == LedgerFixture.balance - 6 * LedgerFixture.fee - Self.bond)
        try fixture.expectSupplyHeld()
    }

    // MARK: Votes

    @Test("a curation vote weighs the curator's stake when it votes")
    func voteWeight() throws {
        let (fixture, datanet) = try Self.fixture()
        let id = try Self.contribute(fixture, datanet, "weighted")
        try Self.votes(fixture, id, [(1, true), (3, false)])
        let votes = try #require(try fixture.ledger.contribution(id)).votes
        #expect(votes.map(\.voter) == [fixture.addresses[1], fixture.addresses[3]])
        #expect(votes.map(\.inFavour) == [true, false])
        #expect(votes.map(\.weight) == [Token.tokens(1_000), Token.tokens(4_000)])
    }

    @Test("a vote below the datanet's curator minimum, on one's own contribution, twice, or unknown, fails")
    func badVotes() throws {
        let (fixture, datanet) = try Self.fixture()
        let id = try Self.contribute(fixture, datanet, "refused votes")
        let result = try fixture.apply([
            fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 5),
            fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 6),
            fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 4),
            fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 1),
            fixture.transaction(LedgerFixture.curationVote(id, accept: false), from: 1),
            fixture.transaction(LedgerFixture.curationVote(LedgerFixture.contentHash("none"), accept: true), from: 2),
        ])
        #expect(result.outcomes == [.failed(.insufficientStake(.curator)), .failed(.insufficientStake(.curator)),
                                    .failed(.selfVote), .applied, .failed(.doubleVote), .failed(.unknownContribution)])
        #expect(try fixture.ledger.contribution(id)?.votes.count == 1)
    }

    @Test("a datanet's own curator minimum applies, not just the governed one")
    func datanetCuratorMinimum() throws {
        let fixture = try LedgerFixture(stakes: [(1, .curator, 1_000), (2, .curator, 2_000)])
        let datanet = fixture.nextCreatedID(by: 0)
        let rules = LedgerFixture.rules(curatorStakeMin: Token.tokens(2_000))
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.createDatanet("strict", rules: rules), from: 0)])
        let id = fixture.nextCreatedID(by: 4)
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.contribute(to: datanet, content: "x"), from: 4)])
        let result = try fixture.apply([fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 1),
                                        fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 2)])
        #expect(result.outcomes == [.failed(.insufficientStake(.curator)), .applied])
    }

    @Test("a contribution takes at most 256 curation votes")
    func voteCap() throws {
        let curators = ContributionRecord.votesMax + 1
        let fixture = try LedgerFixture(accountCount: curators + 1,
                                        stakes: (1...curators).map { ($0, .curator, 100) })
        let datanet = fixture.nextCreatedID(by: 0)
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.createDatanet("busy"), from: 0)])
        let id = fixture.nextCreatedID(by: 0)
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.contribute(to: datanet, content: "busy"), from: 0)])
        let result = try fixture.apply((1...curators).map {
            fixture.transaction(LedgerFixture.curationVote(id, accept: $0 % 2 == 0), from: $0)
        })
        #expect(result.outcomes.dropLast().allSatisfy { $0 == .applied })
        #expect(result.outcomes.last?.reasonCode == "not_allowed")
        #expect(try fixture.ledger.contribution(id)?.votes.count == ContributionRecord.votesMax)
    }

    @Test("votes are taken until just before the window ends, not at its end")
    func voteWindow() throws {
        let (fixture, datanet) = try Self.fixture()
        let id = try Self.contribute(fixture, datanet, "window")
        let end = fixture.time + Self.window
        let last = fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 1, expiry: end + 10)
        #expect(try fixture.outcome(of: last, after: Self.window - 1) == .applied)
        let late = fixture.transaction(LedgerFixture.curationVote(id, accept: true), from: 2, expiry: end + 10)
        #expect(try fixture.outcome(of: late, after: 1) == .failed(.voteOutsideWindow))
    }

    // MARK: Settlement

    @Test("an accepted contribution returns its bond and joins the next version, named by the Merkle root")
    func accepted() throws {
        let (fixture, datanet) = try Self.fixture()
        let first = try Self.contribute(fixture, datanet, "one")
        let second = try Self.contribute(fixture, datanet, "two")
        try Self.votes(fixture, first, [(1, true), (2, false), (3, true)])
        try Self.votes(fixture, second, [(3, true)])
        let balance = try fixture.balance(4)
        let treasury = try fixture.treasury()
        try fixture.advance(Self.window)
        #expect(try fixture.ledger.contribution(first)?.status == .accepted)
        #expect(try fixture.ledger.contribution(second)?.status == .accepted)
        #expect(try fixture.balance(4) == balance + 2 * Self.bond)
        let record = try #require(try fixture.ledger.datanet(datanet))
        #expect(record.version == 1)
        let hashes = ["one", "two"].map(LedgerFixture.contentHash)
        #expect(record.versionRoot == AppendOnlyMerkleTreeTests.naiveRoot(hashes))
        #expect(try fixture.ledger.contribution(first)?.version == 1)
        #expect(try fixture.ledger.contribution(second)?.version == 1)
        // Curator 2 voted against the outcome: 5 % of its 2,000-token weight goes to the treasury.
        let slash = Token.tokens(2_000) * 50_000 / 1_000_000
        #expect(try fixture.stake(2, .curator) == Token.tokens(2_000) - slash)
        #expect(try fixture.stake(1, .curator) == Token.tokens(1_000))
        #expect(try fixture.treasury() == treasury + slash)
        #expect(try fixture.ledger.contributionIDs(datanet: datanet, status: .accepted) == [first, second])

        let third = try Self.contribute(fixture, datanet, "three")
        try Self.votes(fixture, third, [(3, true)])
        try fixture.advance(Self.window)
        let next = try #require(try fixture.ledger.datanet(datanet))
        #expect(next.version == 2)
        #expect(next.versionRoot == AppendOnlyMerkleTreeTests.naiveRoot(hashes + [LedgerFixture.contentHash("three")]))
        #expect(try fixture.ledger.contribution(third)?.version == 2)
        try fixture.expectSupplyHeld()
    }

    @Test("a rejected contribution's bond goes to the rejecting curators by weight, the remainder to the treasury")
    func rejected() throws {
        let (fixture, datanet) = try Self.fixture()
        let bond = Self.bond + 1
        let id = try Self.contribute(fixture, datanet, "spam", bond: bond)
        try Self.votes(fixture, id, [(1, true), (2, false), (3, false)])
        let balances = try (1...4).map { try fixture.balance($0) }
        let treasury = try fixture.treasury()
        try fixture.advance(Self.window)
        #expect(try fixture.ledger.contribution(id)?.status == .rejected)
        // Weights 2,000 and 4,000 tokens: shares are bond · 2/6 and bond · 4/6, rounded down.
        let shareOf2 = bond * 2_000 / 6_000
        let shareOf3 = bond * 4_000 / 6_000
        #expect(bond - shareOf2 - shareOf3 == 1)
        #expect(try fixture.balance(2) == balances[1] + shareOf2)
        #expect(try fixture.balance(3) == balances[2] + shareOf3)
        #expect(try fixture.balance(1) == balances[0])
        #expect(try fixture.balance(4) == balances[3])
        let slash = Token.tokens(1_000) * 50_000 / 1_000_000
        #expect(try fixture.stake(1, .curator) == Token.tokens(1_000) - slash)
        #expect(try fixture.stake(2, .curator) == Token.tokens(2_000))
        #expect(try fixture.treasury() == treasury + 1 + slash)
        #expect(try fixture.ledger.datanet(datanet)?.version == 0)
        #expect(try fixture.ledger.contributionIDs(datanet: datanet, status: .rejected) == [id])
        #expect(try fixture.ledger.contributionIDs(datanet: datanet, status: .pending).isEmpty)
        try fixture.expectSupplyHeld()
    }

    @Test("equal weight on both sides rejects")
    func tieRejects() throws {
        let fixture = try LedgerFixture(stakes: [(1, .curator, 1_000), (2, .curator, 1_000)])
        let datanet = fixture.nextCreatedID(by: 0)
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.createDatanet("tie"), from: 0)])
        let id = try Self.contribute(fixture, datanet, "tie")
        try Self.votes(fixture, id, [(1, true), (2, false)])
        let balance = try fixture.balance(2)
        try fixture.advance(Self.window)
        #expect(try fixture.ledger.contribution(id)?.status == .rejected)
        #expect(try fixture.balance(2) == balance + Self.bond)
        #expect(try fixture.stake(1, .curator) == Token.tokens(950))
        try fixture.expectSupplyHeld()
    }

    @Test("without quorum a contribution lapses: the bond returns and nobody is slashed")
    func lapsed() throws {
        let (fixture, _) = try Self.fixture()
        let datanet = fixture.nextCreatedID(by: 0)
        let rules = LedgerFixture.rules(quorum: Token.tokens(5_000))
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.createDatanet("quorate", rules: rules), from: 0)])
        let silent = try Self.contribute(fixture, datanet, "silent")
        let thin = try Self.contribute(fixture, datanet, "thin")
        let exact = try Self.contribute(fixture, datanet, "exact")
        // Quorum 5,000 tokens: 1,000 + 2,000 falls short, 1,000 + 4,000 is exactly enough.
        try Self.votes(fixture, thin, [(1, true), (2, false)])
        try Self.votes(fixture, exact, [(1, true), (3, true)])
        let balance = try fixture.balance(4)
        let treasury = try fixture.treasury()
        try fixture.advance(Self.window)
        #expect(try fixture.ledger.contribution(silent)?.status == .lapsed)
        #expect(try fixture.ledger.contribution(thin)?.status == .lapsed)
        #expect(try fixture.ledger.contribution(exact)?.status == .accepted)
        #expect(try fixture.balance(4) == balance + 3 * Self.bond)
        #expect(try fixture.treasury() == treasury)
        #expect(try fixture.stake(1, .curator) == Token.tokens(1_000))
        #expect(try fixture.stake(2, .curator) == Token.tokens(2_000))
        #expect(try fixture.ledger.contributionIDs(datanet: datanet, status: .lapsed) == [silent, thin])
        #expect(try fixture.ledger.contributionIDs(datanet: datanet, status: .accepted) == [exact])
        #expect(try fixture.ledger.datanet(datanet)?.versionRoot
                == AppendOnlyMerkleTreeTests.naiveRoot([LedgerFixture.contentHash("exact")]))
        try fixture.expectSupplyHeld()
    }

    @Test("a losing curator who unstaked meanwhile loses only what is still bonded")
    func slashCappedByStake() throws {
        let (fixture, datanet) = try Self.fixture()
        let id = try Self.contribute(fixture, datanet, "capped")
        try Self.votes(fixture, id, [(1, true), (3, false)])
        try fixture.applyExpectingSuccess([fixture.transaction(.unstake(Unstake(role: .curator,
                                                                                amount: Token.tokens(1_000) - 7)), from: 1)])
        try fixture.advance(Self.window)
        #expect(try fixture.ledger.contribution(id)?.status == .rejected)
        #expect(try fixture.stake(1, .curator) == 0)
        try fixture.expectSupplyHeld()
    }
}
