import Sodium
@testable import Ledger

/// The stage for models, receipts and challenges: a chain with two datanets whose
/// contributions have settled, a base model, an adapter trained on the first datanet, a
/// staked host, a client, and validators.
///
/// | account | role |
/// | --- | --- |
/// | 0 owner | created both datanets, the base model and the adapter |
/// | 1 curator A | 1,000 tokens curator stake; accepted `first` and `second` |
/// | 2 curator B | 3,000 tokens curator stake; accepted `first` and `otherContribution` |
/// | 3 contributor A | contributed `first` and `unaccepted` (no votes, lapsed) |
/// | 4 contributor B | contributed `second` and `otherContribution` |
/// | 5 host | 2,000 tokens host stake |
/// | 6 client | pays for inference |
/// | 7, 8 validators | 20,000 and 40,000 tokens validator stake by default |
/// | 9 outsider | no stake |
final class Marketplace {
    static let owner = 0, curatorA = 1, curatorB = 2, contributorA = 3, contributorB = 4
    static let host = 5, client = 6, validatorA = 7, validatorB = 8, outsider = 9
    /// Curator stakes in tokens: their vote weights.
    static let curatorATokens: UInt64 = 1_000, curatorBTokens: UInt64 = 3_000
    static let hostTokens: UInt64 = 2_000

    let fixture: LedgerFixture
    let datanet: [UInt8]
    let otherDatanet: [UInt8]
    let first: [UInt8]
    let second: [UInt8]
    let unaccepted: [UInt8]
    let otherContribution: [UInt8]
    let baseModel = LedgerFixture.contentHash("base model")
    let adapter = LedgerFixture.contentHash("adapter")
    private var authorizationCount = 0

    init(validatorStakes: [(Int, UInt64)] = [(7, 20_000), (8, 40_000)], parameters: [String: String] = [:]) throws {
        var stakes: [(Int, StakeRole, UInt64)] = [
            (Self.curatorA, .curator, Self.curatorATokens), (Self.curatorB, .curator, Self.curatorBTokens),
            (Self.host, .host, Self.hostTokens),
        ]
        stakes += validatorStakes.map { ($0.0, .validator, $0.1) }
        let fixture = try LedgerFixture(accountCount: 10, stakes: stakes, parameters: parameters)
        self.fixture = fixture
        datanet = fixture.nextCreatedID(by: Self.owner)
        let createFirst = fixture.transaction(LedgerFixture.createDatanet("first"), from: Self.owner)
        otherDatanet = fixture.nextCreatedID(by: Self.owner)
        let createSecond = fixture.transaction(LedgerFixture.createDatanet("second"), from: Self.owner)
        let register = fixture.transaction(.registerBaseModel(RegisterBaseModel(
            modelHash: baseModel, name: "Qwen2.5-0.5B", format: "gguf")), from: Self.owner)
        try fixture.applyExpectingSuccess([createFirst, createSecond, register])

        var contributions: [SignedTransaction] = []
        func contribute(_ index: Int, to datanet: [UInt8], _ content: String) -> [UInt8] {
            let id = fixture.nextCreatedID(by: index)
            contributions.append(fixture.transaction(LedgerFixture.contribute(to: datanet, content: content), from: index))
            return id
        }
        first = contribute(Self.contributorA, to: datanet, "first")
        second = contribute(Self.contributorB, to: datanet, "second")
        unaccepted = contribute(Self.contributorA, to: datanet, "unaccepted")
        otherContribution = contribute(Self.contributorB, to: otherDatanet, "other")
        try fixture.applyExpectingSuccess(contributions)
        try fixture.applyExpectingSuccess([
            fixture.transaction(LedgerFixture.curationVote(first, accept: true), from: Self.curatorA),
            fixture.transaction(LedgerFixture.curationVote(first, accept: true), from: Self.curatorB),
            fixture.transaction(LedgerFixture.curationVote(second, accept: true), from: Self.curatorA),
            fixture.transaction(LedgerFixture.curationVote(otherContribution, accept: true), from: Self.curatorB),
        ])
        try fixture.advance(3_600)
        try fixture.applyExpectingSuccess([fixture.transaction(.trainingResult(trainingResult(adapter: adapter)),
                                                               from: Self.owner)])
    }

    /// A training result on version 1 of the first datanet from the base model.
    func trainingResult(adapter: [UInt8], datanet: [UInt8]? = nil, version: UInt64 = 1,
                        baseModel: [UInt8]? = nil, adapterByteCount: UInt64 = 8_388_608,
                        additionalDatanets: [DatanetVersion] = []) -> TrainingResult {
        TrainingResult(datanetID: datanet ?? self.datanet, datanetVersion: version, baseModelHash: baseModel ?? self.baseModel,
                       hyperparameters: [NamedText(name: "rank", value: "16")], adapterHash: adapter,
                       adapterByteCount: adapterByteCount, metrics: [NamedInteger(name: "loss", value: 1_250_000)],
                       gradientStoreRoot: [], additionalDatanets: additionalDatanets)
    }

    /// A fresh authorisation id, different for every call.
    func nextAuthorizationID() -> [UInt8] {
        authorizationCount += 1
        return BLAKE2b256.hash(Array("authorization \(authorizationCount)".utf8))
    }

    /// The client's signed fee authorisation, as a receipt embeds it.
    func authorization(feeMax: Amount, host: Int = Marketplace.host, adapter: [UInt8] = [], id: [UInt8]? = nil,
                       expiry: UInt64? = nil, client: Int = Marketplace.client,
                       chainID: UInt64 = LedgerFixture.chainID) -> [UInt8] {
        let terms = FeeAuthorization(host: fixture.addresses[host], adapterHash: adapter, feeMax: feeMax,
                                     authorizationID: id ?? nextAuthorizationID(), expiry: expiry ?? fixture.time + 3_600)
        return SignedMessage(signing: terms, chainID: chainID, with: fixture.keys[client]).envelopeBytes
    }

    /// A receipt for `fee` with the given attribution, authorised for exactly that fee
    /// unless another authorisation is given.
    func receipt(fee: Amount, attribution: [AttributionEntry], adapter: [UInt8] = [], authorization: [UInt8]? = nil,
                 datanet: [UInt8]? = nil) -> TransactionKind {
        .inferenceReceipt(InferenceReceipt(
            clientAuthorization: authorization ?? self.authorization(feeMax: fee, adapter: adapter),
            datanetID: datanet ?? self.datanet, adapterHash: adapter,
            promptHash: LedgerFixture.contentHash("prompt"), outputHash: LedgerFixture.contentHash("output"),
            tokensIn: 17, tokensOut: 300, fee: fee, method: "span/1", attribution: attribution,
            attributionRoot: LedgerFixture.contentHash("span index")))
    }

    /// `first` at 700,001 ppm and `second` at 299,999 ppm.
    var attribution: [AttributionEntry] {
        [AttributionEntry(contributionID: first, weightPPM: 700_001), AttributionEntry(contributionID: second, weightPPM: 299_999)]
    }

    /// Applies a receipt from the host and returns its id.
    func applyReceipt(fee: Amount = Token.tokens(10), attribution: [AttributionEntry]? = nil) throws -> [UInt8] {
        let id = fixture.nextCreatedID(by: Self.host)
        try fixture.applyExpectingSuccess([fixture.transaction(receipt(fee: fee, attribution: attribution ?? self.attribution),
                                                               from: Self.host)])
        return id
    }
}
