import Testing
@testable import Ledger

/// Proposals, stake-weighted votes and enactment: `LedgerStateMachine+Governance.swift`.
@Suite("Governance")
struct GovernanceTests {
    static let votingPeriod: UInt64 = 7 * 86_400
    static let delay: UInt64 = 86_400

    /// Account 1 stakes 20,000 as validator and 1,000 as curator (weight 21,000), account 2
    /// 10,000 as curator, account 3 5,000 as host, account 4 50 as curator (below the
    /// 100-token proposal minimum): 36,050 tokens in all, so the 25 % quorum is 9,012.5.
    static func fixture(parameters: [String: String] = [:]) throws -> LedgerFixture {
        try LedgerFixture(stakes: [(1, .validator, 20_000), (1, .curator, 1_000), (2, .curator, 10_000),
                                   (3, .host, 5_000), (4, .curator, 50)], parameters: parameters)
    }

    static func propose(_ name: String, _ value: Amount) -> TransactionKind {
        .propose(Propose(parameter: name, value: value))
    }

    static func vote(_ proposal: [UInt8], approve: Bool) -> TransactionKind {
        .governanceVote(GovernanceVote(proposalID: proposal, approve: approve))
    }

    /// Account 3 proposes; returns the proposal id and its voting end.
    static func applyProposal(_ fixture: LedgerFixture, _ name: String, _ value: Amount,
                              from proposer: Int = 3) throws -> (id: [UInt8], end: UInt64) {
        let id = fixture.nextCreatedID(by: proposer)
        try fixture.applyExpectingSuccess([fixture.transaction(propose(name, value), from: proposer)])
        return (id, fixture.time + votingPeriod)
    }

    @Test("a proposal records its parameter, value and voting end")
    func propose() throws {
        let fixture = try Self.fixture()
        let (id, end) = try Self.applyProposal(fixture, "fee_burn_ppm", 300_000)
        let proposal = try #require(try fixture.ledger.proposal(id))
        #expect(proposal.proposer == fixture.addresses[3])
        #expect(proposal.parameter == "fee_burn_ppm")
        #expect(proposal.value == 300_000)
        #expect(proposal.votingEnd == end)
        #expect(proposal.status == .open)
        try fixture.expectSupplyHeld()
    }

    @Test("proposing needs governance_proposal_stake_min of stake over all roles")
    func proposalStake() throws {
        let fixture = try Self.fixture()
        let result = try fixture.apply([
            fixture.transaction(Self.propose("fee_burn_ppm", 1), from: 0),
            fixture.transaction(Self.propose("fee_burn_ppm", 1), from: 4),
            fixture.transaction(.stake(Stake(role: .host, amount: Token.tokens(50))), from: 4),
            fixture.transaction(Self.propose("fee_burn_ppm", 1), from: 4),
        ])
        #expect(result.outcomes.map(\.reasonCode) == ["not_allowed", "not_allowed", "", ""])
        #expect(try fixture.ledger.proposal(fixture.createdID(by: 4, nonce: 2)) != nil)
    }

    @Test("an unknown parameter, a value out of its range, or one breaking a relation is refused")
    func badProposals() throws {
        let fixture = try Self.fixture()
        let result = try fixture.apply([
            fixture.transaction(Self.propose("gas_prize", 1), from: 3),
            fixture.transaction(Self.propose("fee_burn_ppm", 1_000_001), from: 3),
            fixture.transaction(Self.propose("governance_voting_period_seconds", 59), from: 3),
            fixture.transaction(Self.propose("receipt_host_share_ppm", 500_001), from: 3),
            fixture.transaction(Self.propose("datanet_vote_window_min_seconds", 2_592_001), from: 3),
            fixture.transaction(Self.propose("receipt_host_share_ppm", 500_000), from: 3),
        ])
        #expect(result.outcomes[0] == .failed(.unknownParameter("gas_prize")))
        #expect(result.outcomes[1...4].map(\.reasonCode) == Array(repeating: "parameter_out_of_bounds", count: 4))
        #expect(result.outcomes[5] == .applied)
    }

    @Test("a vote weighs the voter's stake over every role; a second vote, no stake or no proposal fails")
    func votes() throws {
        let fixture = try Self.fixture()
        let (id, _) = try Self.applyProposal(fixture, "fee_burn_ppm", 300_000)
        let result = try fixture.apply([
            fixture.transaction(Self.vote(id, approve: true), from: 1),
            fixture.transaction(Self.vote(id, approve: false), from: 2),
            fixture.transaction(Self.vote(id, approve: false), from: 1),
            fixture.transaction(Self.vote(id, approve: true), from: 0),
            fixture.transaction(Self.vote(LedgerFixture.contentHash("no proposal"), approve: true), from: 3),
        ])
        #expect(result.outcomes == [.applied, .applied, .failed(.doubleVote),
                                    .failed(.notAllowed("only staked accounts vote on proposals")),
                                    .failed(.unknownProposal)])
        let proposal = try #require(try fixture.ledger.proposal(id))
        #expect(proposal.approveWeight == Token.tokens(21_000))
        #expect(proposal.rejectWeight == Token.tokens(10_000))
    }

    @Test("votes are taken until just before the voting end, not at it")
    func voteWindow() throws {
        let fixture = try Self.fixture()
        let (id, end) = try Self.applyProposal(fixture, "fee_burn_ppm", 300_000)
        let last = fixture.transaction(Self.vote(id, approve: true), from: 2, expiry: end + 10)
        #expect(try fixture.outcome(of: last, after: fixture.seconds(until: end - 1)) == .applied)
        let late = fixture.transaction(Self.vote(id, approve: true), from: 1, expiry: end + 10)
        #expect(try fixture.outcome(of: late, after: 1) == .failed(.voteOutsideWindow))
    }

    @Test("without quorum a proposal is rejected and nothing changes")
    func quorumNotMet() throws {
        let fixture = try Self.fixture()
        let (id, end) = try Self.applyProposal(fixture, "fee_burn_ppm", 300_000)
        try fixture.applyExpectingSuccess([fixture.transaction(Self.vote(id, approve: true), from: 3)])
        try fixture.advance(fixture.seconds(until: end))
        #expect(try fixture.ledger.proposal(id)?.status == .rejected)
        try fixture.advance(Self.delay)
        #expect(try fixture.ledger.parameters()[.feeBurn] == 200_000)
    }

    @Test("a passed change takes effect governance_delay_seconds after the voting end, and fees follow it")
    func enactedAfterDelay() throws {
        let fixture = try Self.fixture()
        let (id, end) = try Self.applyProposal(fixture, "fee_burn_ppm", 500_000)
        try fixture.applyExpectingSuccess([fixture.transaction(Self.vote(id, approve: true), from: 1),
                                           fixture.transaction(Self.vote(id, approve: false), from: 2)])
        try fixture.advance(fixture.seconds(until: end))
        let passed = try #require(try fixture.ledger.proposal(id))
        #expect(passed.status == .passed)
        #expect(passed.effectiveTime == end + Self.delay)

        let fee = LedgerFixture.fee
        let before = fixture.transaction(.transfer(Transfer(to: fixture.addresses[6], amount: 1)), from: 6,
                                             expiry: end + Self.delay)
        var burned = try fixture.burned()
        var leader = try fixture.balance(7)
        try fixture.apply([before], after: fixture.seconds(until: end + Self.delay - 1), leader: 7)
        #expect(try fixture.ledger.parameters()[.feeBurn] == 200_000)
        #expect(try fixture.burned() == burned + fee / 5)
        #expect(try fixture.balance(7) == leader + fee - fee / 5)

        (burned, leader) = (try fixture.burned(), try fixture.balance(7))
        try fixture.apply([fixture.transaction(.transfer(Transfer(to: fixture.addresses[6], amount: 1)), from: 6)],
                          after: 1, leader: 7)
        #expect(try fixture.ledger.proposal(id)?.status == .enacted)
        #expect(try fixture.ledger.parameters()[.feeBurn] == 500_000)
        #expect(try fixture.burned() == burned + fee / 2)
        #expect(try fixture.balance(7) == leader + fee / 2)
        try fixture.expectSupplyHeld()
    }

    @Test("with no delay the change applies when voting closes, to the closing batch's own transactions")
    func noDelay() throws {
        let fixture = try Self.fixture(parameters: ["governance_delay_seconds": "0"])
        let newPrice: Amount = 1_000_000_000_000
        let (id, end) = try Self.applyProposal(fixture, "gas_price", newPrice)
        try fixture.applyExpectingSuccess([fixture.transaction(Self.vote(id, approve: true), from: 1)])
        let cheap = fixture.transaction(.transfer(Transfer(to: fixture.addresses[5], amount: 1)), from: 6, expiry: end)
        let minimum = (21_000 + 10 * Amount(cheap.bodyBytes.count)) * newPrice
        #expect(LedgerFixture.fee < minimum)
        #expect(try fixture.ledger.inclusionCheck(cheap, at: end - 1) == nil)
        #expect(throws: LedgerError.self) { try fixture.apply([cheap], after: fixture.seconds(until: end)) }

        try fixture.resetNonce(of: 6)
        try fixture.advance(fixture.seconds(until: end))
        let proposal = try #require(try fixture.ledger.proposal(id))
        #expect(proposal.status == .enacted)
        #expect(proposal.effectiveTime == end)
        #expect(try fixture.ledger.parameters()[.gasPrice] == newPrice)
        let probe = fixture.transaction(.transfer(Transfer(to: fixture.addresses[5], amount: 1)), from: 6, nonce: 0,
                                        expiry: end + 3_600)
        let probeMinimum = (21_000 + 10 * Amount(probe.bodyBytes.count)) * newPrice
        #expect(try fixture.ledger.inclusionCheck(probe, at: end + 2) == .feeBelowMinimum(minimum: probeMinimum))
    }

    @Test("a passed change that breaks a relation after an earlier enactment lapses")
    func relationLapse() throws {
        let fixture = try Self.fixture()
        let (host, _) = try Self.applyProposal(fixture, "receipt_host_share_ppm", 500_000)
        let (contributor, end) = try Self.applyProposal(fixture, "receipt_contributor_share_ppm", 500_000)
        try fixture.applyExpectingSuccess([
            fixture.transaction(Self.vote(host, approve: true), from: 1),
            fixture.transaction(Self.vote(contributor, approve: true), from: 1),
        ])
        try fixture.advance(fixture.seconds(until: end))
        #expect(try fixture.ledger.proposal(host)?.status == .passed)
        #expect(try fixture.ledger.proposal(contributor)?.status == .passed)
        try fixture.advance(fixture.seconds(until: end + Self.delay))
        #expect(try fixture.ledger.proposal(host)?.status == .enacted)
        #expect(try fixture.ledger.proposal(contributor)?.status == .lapsed)
        let parameters = try fixture.ledger.parameters()
        #expect(parameters[.receiptHostShare] == 500_000)
        #expect(parameters[.receiptContributorShare] == 400_000)
    }

    @Test("approval must reach governance_threshold_ppm of the votes exactly: a tie never passes",
          arguments: [(Amount(500_001), Amount(499_999), ProposalRecord.Status.enacted),
                      (500_000, 500_000, .rejected), (1, 1, .rejected), (2, 1, .enacted)])
    func threshold(approve: Amount, reject: Amount, expected: ProposalRecord.Status) throws {
        let fixture = try LedgerFixture(parameters: ["governance_proposal_stake_min": "1",
                                                     "governance_delay_seconds": "0"])
        try fixture.applyExpectingSuccess([fixture.transaction(.stake(Stake(role: .curator, amount: approve)), from: 1),
                                           fixture.transaction(.stake(Stake(role: .curator, amount: reject)), from: 2)])
        let (id, end) = try Self.applyProposal(fixture, "fee_burn_ppm", 0, from: 1)
        try fixture.applyExpectingSuccess([fixture.transaction(Self.vote(id, approve: true), from: 1),
                                           fixture.transaction(Self.vote(id, approve: false), from: 2)])
        try fixture.advance(fixture.seconds(until: end))
        #expect(try fixture.ledger.proposal(id)?.status == expected)
    }

    @Test("the votes cast must reach governance_quorum_ppm of all stake exactly",
          arguments: [(Amount(1_000_000), Amount(3_000_000), ProposalRecord.Status.enacted),
                      (999_999, 3_000_001, .rejected), (1, 3, .enacted), (1, 4, .rejected)])
    func quorum(voter: Amount, abstainer: Amount, expected: ProposalRecord.Status) throws {
        let fixture = try LedgerFixture(parameters: ["governance_proposal_stake_min": "1",
                                                     "governance_delay_seconds": "0"])
        try fixture.applyExpectingSuccess([fixture.transaction(.stake(Stake(role: .host, amount: voter)), from: 1),
                                           fixture.transaction(.stake(Stake(role: .host, amount: abstainer)), from: 2)])
        let (id, end) = try Self.applyProposal(fixture, "fee_burn_ppm", 0, from: 1)
        try fixture.applyExpectingSuccess([fixture.transaction(Self.vote(id, approve: true), from: 1)])
        try fixture.advance(fixture.seconds(until: end))
        #expect(try fixture.ledger.proposal(id)?.status == expected)
    }
}
