import Testing
@testable import Ledger

/// Inference receipts, fee authorisations and the fee split: `LedgerStateMachine+Receipts.swift`.
@Suite("Receipts")
struct ReceiptTests {
    static let host = Marketplace.host, client = Marketplace.client

    /// The documented split of `fee` with the default shares (host 40 %, contributors 40 %,
    /// curators 10 %), for the marketplace's attribution: `first` (contributor A, accepted
    /// by curators A and B with 1,000 and 3,000 tokens) at 700,001 ppm, `second`
    /// (contributor B, accepted by curator A alone) at 299,999 ppm.
    struct Split {
        var host, contributorA, contributorB, curatorA, curatorB, treasury: Amount

        init(fee: Amount) {
            host = fee * 400_000 / 1_000_000
            let contributorPool = fee * 400_000 / 1_000_000
            let curatorPool = fee * 100_000 / 1_000_000
            contributorA = contributorPool * 700_001 / 1_000_000
            contributorB = contributorPool * 299_999 / 1_000_000
            let firstCurators = curatorPool * 700_001 / 1_000_000
            let secondCurators = curatorPool * 299_999 / 1_000_000
            curatorA = firstCurators * 1_000 / 4_000 + secondCurators
            curatorB = firstCurators * 3_000 / 4_000
            treasury = fee - host - contributorA - contributorB - curatorA - curatorB
        }
    }

    @Test("the fee moves from the client to host, contributors, accepting curators and treasury",
          arguments: [Token.tokens(10), Token.tokens(10) + 7, Amount(999_999), Amount(1)])
    func feeSplit(fee: Amount) throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let accounts = [Self.host, Self.client, Marketplace.contributorA, Marketplace.contributorB,
                        Marketplace.curatorA, Marketplace.curatorB]
        let before = try accounts.map { try fixture.balance($0) }
        let treasury = try fixture.treasury()
        let id = try market.applyReceipt(fee: fee)
        let split = Split(fee: fee)
        let after = try accounts.map { try fixture.balance($0) }
        #expect(after[0] == before[0] + split.host - LedgerFixture.fee)
        #expect(after[1] == before[1] - fee)
        #expect(after[2] == before[2] + split.contributorA)
        #expect(after[3] == before[3] + split.contributorB)
        #expect(after[4] == before[4] + split.curatorA)
        #expect(after[5] == before[5] + split.curatorB)
        #expect(try fixture.treasury() == treasury + split.treasury + LedgerFixture.treasuryIncome(fromFees: 1))
        let record = try #require(try fixture.ledger.receipt(id))
        #expect(record.host == fixture.addresses[Self.host])
        #expect(record.client == fixture.addresses[Self.client])
        #expect(record.time == fixture.time)
        #expect(record.receipt.fee == fee)
        try fixture.expectSupplyHeld()
    }

    @Test("with the default shares, a 10-token fee splits 4 / 4 / 1 / 1")
    func defaultShares() {
        let split = Split(fee: Token.tokens(10))
        #expect(split.host == Token.tokens(4))
        #expect(split.contributorA + split.contributorB == Token.tokens(4))
        #expect(split.curatorA + split.curatorB == Token.tokens(1))
        #expect(split.treasury == Token.tokens(1))
    }

    @Test("a receipt without attribution sends the contributor and curator shares to the treasury")
    func noAttribution() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let treasury = try fixture.treasury()
        let contributor = try fixture.balance(Marketplace.contributorA)
        let fee = Token.tokens(3) + 3
        _ = try market.applyReceipt(fee: fee, attribution: [])
        #expect(try fixture.treasury() == treasury + fee - fee * 400_000 / 1_000_000
                + LedgerFixture.treasuryIncome(fromFees: 1))
        #expect(try fixture.balance(Marketplace.contributorA) == contributor)
        try fixture.expectSupplyHeld()
    }

    @Test("payout totals and receipt queries by host, adapter and contributor")
    func queries() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let first = try market.applyReceipt(fee: Token.tokens(10))
        let onlyFirst = [AttributionEntry(contributionID: market.first, weightPPM: 1_000_000)]
        let second = try market.applyReceipt(fee: Token.tokens(20), attribution: onlyFirst)
        let adapterReceipt = fixture.nextCreatedID(by: Self.host)
        try fixture.applyExpectingSuccess([fixture.transaction(
            market.receipt(fee: Token.tokens(1), attribution: onlyFirst, adapter: market.adapter), from: Self.host)])

        let host = fixture.addresses[Self.host]
        #expect(try fixture.ledger.receiptIDs(host: host) == [adapterReceipt, second, first])
        #expect(try fixture.ledger.receiptIDs(host: fixture.addresses[Self.client]).isEmpty)
        #expect(try fixture.ledger.receiptIDs(adapter: market.adapter) == [adapterReceipt])
        #expect(try fixture.ledger.receiptIDs(adapter: []) == [second, first])
        #expect(try fixture.ledger.receiptIDs(contributor: fixture.addresses[Marketplace.contributorA])
                == [adapterReceipt, second, first])
        #expect(try fixture.ledger.receiptIDs(contributor: fixture.addresses[Marketplace.contributorB]) == [first])

        let ten = Split(fee: Token.tokens(10))
        let pool = { (fee: Amount) in fee * 400_000 / 1_000_000 }
        #expect(try fixture.ledger.payoutTotal(of: fixture.addresses[Marketplace.contributorA])
                == ten.contributorA + pool(Token.tokens(20)) + pool(Token.tokens(1)))
        #expect(try fixture.ledger.payoutTotal(of: fixture.addresses[Marketplace.contributorB]) == ten.contributorB)
        #expect(try fixture.ledger.payoutTotal(of: host)
                == ten.host + pool(Token.tokens(20)) + pool(Token.tokens(1)))
        #expect(try fixture.ledger.payoutTotal(of: fixture.addresses[Self.client]) == 0)
        let payouts = try fixture.ledger.payouts(of: fixture.addresses[Marketplace.contributorB])
        #expect(payouts.map(\.reason) == [.receiptContributor])
        #expect(payouts.map(\.subject) == [first])
        try fixture.expectSupplyHeld()
    }

    // MARK: Attribution

    @Test("weights must be positive, sum to 1,000,000, name each contribution once, accepted into this datanet")
    func badAttribution() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let pending = fixture.nextCreatedID(by: Marketplace.contributorA)
        try fixture.applyExpectingSuccess([fixture.transaction(LedgerFixture.contribute(to: market.datanet, content: "late"),
                                                               from: Marketplace.contributorA)])
        func entry(_ id: [UInt8], _ weight: UInt32) -> AttributionEntry { AttributionEntry(contributionID: id, weightPPM: weight) }
        let lists: [[AttributionEntry]] = [
            [entry(market.first, 700_000), entry(market.second, 299_999)],
            [entry(market.first, 700_000), entry(market.second, 300_001)],
            [entry(market.first, 1_000_000), entry(market.second, 0)],
            [entry(market.first, 500_000), entry(market.first, 500_000)],
            [entry(market.first, 500_000), entry(market.otherContribution, 500_000)],
            [entry(market.first, 500_000), entry(market.unaccepted, 500_000)],
            [entry(market.first, 500_000), entry(pending, 500_000)],
            [entry(market.first, 500_000), entry(LedgerFixture.contentHash("nothing"), 500_000)],
        ]
        let client = try fixture.balance(Self.client)
        let result = try fixture.apply(lists.map { fixture.transaction(market.receipt(fee: 100, attribution: $0), from: Self.host) })
        #expect(result.outcomes.map(\.reasonCode) == Array(repeating: "invalid_attribution", count: 7) + ["unknown_contribution"])
        #expect(result.outcomes[0] == .failed(.invalidAttribution("weights sum to 999999, not 1000000")))
        #expect(result.outcomes[2] == .failed(.invalidAttribution("a weight is zero")))
        #expect(result.outcomes[3] == .failed(.invalidAttribution("a contribution is named twice")))
        #expect(result.outcomes[4] == .failed(.invalidAttribution(
            "a contribution belongs to a datanet the model was not trained on")))
        #expect(result.outcomes[5] == .failed(.invalidAttribution("a contribution has not been accepted")))
        #expect(result.outcomes[6] == .failed(.invalidAttribution("a contribution has not been accepted")))
        #expect(try fixture.balance(Self.client) == client)
        #expect(try fixture.ledger.receiptIDs(host: fixture.addresses[Self.host]).isEmpty)
        try fixture.expectSupplyHeld()
    }

    @Test("an adapter trained on two datanets credits contributions of both; one trained on the first alone does not")
    func severalDatanets() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let both = LedgerFixture.contentHash("adapter of both datanets")
        try fixture.applyExpectingSuccess([fixture.transaction(.trainingResult(market.trainingResult(
            adapter: both, additionalDatanets: [DatanetVersion(datanetID: market.otherDatanet, version: 1)])),
            from: Marketplace.owner)])
        let across = [AttributionEntry(contributionID: market.first, weightPPM: 600_000),
                      AttributionEntry(contributionID: market.otherContribution, weightPPM: 400_000)]
        let contributorB = try fixture.balance(Marketplace.contributorB)
        let fee = Token.tokens(10)
        let result = try fixture.apply([
            fixture.transaction(market.receipt(fee: fee, attribution: across, adapter: both), from: Self.host),
            fixture.transaction(market.receipt(fee: fee, attribution: across, adapter: market.adapter), from: Self.host),
        ])
        #expect(result.outcomes == [.applied, .failed(.invalidAttribution(
            "a contribution belongs to a datanet the model was not trained on"))])
        // Contributor B is paid 40 % of the fee for 400,000 ppm: 1.6 tokens.
        #expect(try fixture.balance(Marketplace.contributorB) == contributorB + Token.tokens(10) * 4 / 10 * 4 / 10)
        try fixture.expectSupplyHeld()
    }

    @Test("an unknown datanet, an unknown method, an adapter of another datanet or no host stake fails")
    func badReceipts() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let otherAdapter = LedgerFixture.contentHash("other adapter")
        try fixture.applyExpectingSuccess([fixture.transaction(
            .trainingResult(market.trainingResult(adapter: otherAdapter, datanet: market.otherDatanet)), from: 0)])
        var wrongMethod = market.receipt(fee: 100, attribution: market.attribution)
        if case .inferenceReceipt(var receipt) = wrongMethod {
            receipt.method = "guess/1"
            wrongMethod = .inferenceReceipt(receipt)
        }
        let result = try fixture.apply([
            fixture.transaction(market.receipt(fee: 100, attribution: [], datanet: LedgerFixture.contentHash("none")),
                                from: Self.host),
            fixture.transaction(wrongMethod, from: Self.host),
            fixture.transaction(market.receipt(fee: 100, attribution: market.attribution, adapter: otherAdapter),
                                from: Self.host),
            fixture.transaction(market.receipt(fee: 100, attribution: [], adapter: LedgerFixture.contentHash("none")),
                                from: Self.host),
            fixture.transaction(market.receipt(fee: 100, attribution: market.attribution), from: Marketplace.outsider),
        ])
        #expect(result.outcomes == [.failed(.unknownDatanet), .failed(.invalidField("method must be span/1 or influence/1")),
                                    .failed(.invalidAttribution("the adapter was trained on another datanet")),
                                    .failed(.unknownAdapter), .failed(.insufficientStake(.host))])
        try fixture.expectSupplyHeld()
    }

    // MARK: Fee authorisation

    @Test("the authorisation must name this host and adapter, cover the fee and not have expired")
    func authorizationTerms() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let fee = Token.tokens(2)
        let next = fixture.time + 2
        let kinds: [TransactionKind] = [
            market.receipt(fee: fee, attribution: market.attribution,
                           authorization: market.authorization(feeMax: fee, host: Marketplace.outsider)),
            market.receipt(fee: fee, attribution: market.attribution,
                           authorization: market.authorization(feeMax: fee, adapter: market.adapter)),
            market.receipt(fee: fee, attribution: market.attribution, authorization: market.authorization(feeMax: fee - 1)),
            market.receipt(fee: fee, attribution: market.attribution,
                           authorization: market.authorization(feeMax: fee, expiry: next - 1)),
            market.receipt(fee: fee, attribution: market.attribution,
                           authorization: market.authorization(feeMax: fee + 1, expiry: next)),
        ]
        let result = try fixture.apply(kinds.map { fixture.transaction($0, from: Self.host) })
        #expect(result.outcomes == [
            .failed(.notAllowed("the fee authorisation names another host")),
            .failed(.notAllowed("the fee authorisation names another adapter")),
            .failed(.notAllowed("the fee exceeds the authorised maximum")),
            .failed(.notAllowed("the fee authorisation has expired")),
            .applied,
        ])
        try fixture.expectSupplyHeld()
    }

    @Test("an authorisation is usable once: a second receipt with its id fails as a duplicate")
    func replayedAuthorization() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let id = market.nextAuthorizationID()
        let first = market.receipt(fee: 50, attribution: market.attribution, authorization: market.authorization(feeMax: 100, id: id))
        let second = market.receipt(fee: 40, attribution: [], authorization: market.authorization(feeMax: 90, id: id))
        let result = try fixture.apply([fixture.transaction(first, from: Self.host), fixture.transaction(second, from: Self.host)])
        #expect(result.outcomes == [.applied, .failed(.duplicate("the fee authorisation"))])
        #expect(try fixture.outcome(of: first, from: Self.host) == .failed(.duplicate("the fee authorisation")))
        #expect(try fixture.ledger.receiptIDs(host: fixture.addresses[Self.host]).count == 1)
        try fixture.expectSupplyHeld()
    }

    @Test("an authorisation for another chain, with a broken signature or not an envelope fails")
    func unverifiedAuthorization() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        var broken = market.authorization(feeMax: 100)
        broken[broken.count - 1] ^= 0x01
        let envelopes = [market.authorization(feeMax: 100, chainID: LedgerFixture.chainID + 1), broken, [0x0a, 0x00]]
        let result = try fixture.apply(envelopes.map {
            fixture.transaction(market.receipt(fee: 100, attribution: market.attribution, authorization: $0), from: Self.host)
        })
        #expect(result.outcomes.map(\.reasonCode) == ["invalid_field", "invalid_field", "invalid_field"])
        try fixture.expectSupplyHeld()
    }

    @Test("a client whose balance does not cover the fee makes the receipt fail, and the authorisation stays unused")
    func clientBalance() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let balance = try fixture.balance(Self.client)
        let id = market.nextAuthorizationID()
        let tooMuch = market.receipt(fee: balance + 1, attribution: market.attribution,
                                     authorization: market.authorization(feeMax: balance + 1, id: id))
        #expect(try fixture.outcome(of: tooMuch, from: Self.host) == .failed(.insufficientBalance))
        #expect(try fixture.balance(Self.client) == balance)
        let all = market.receipt(fee: balance, attribution: market.attribution,
                                 authorization: market.authorization(feeMax: balance, id: id))
        #expect(try fixture.outcome(of: all, from: Self.host) == .applied)
        #expect(try fixture.balance(Self.client) == 0)
        try fixture.expectSupplyHeld()
    }
}
