import Testing
@testable import Ledger

/// Base models, training results and host listings: `LedgerStateMachine+Models.swift`.
@Suite("Models")
struct ModelTests {
    static func register(_ name: String, format: String, hash: [UInt8]) -> TransactionKind {
        .registerBaseModel(RegisterBaseModel(modelHash: hash, name: name, format: format))
    }

    @Test("a base model registers once, in gguf or safetensors, with a name")
    func registerBaseModel() throws {
        let fixture = try LedgerFixture()
        let hash = LedgerFixture.contentHash("llama")
        let result = try fixture.apply([
            fixture.transaction(Self.register("Llama", format: "safetensors", hash: hash), from: 1),
            fixture.transaction(Self.register("Llama again", format: "gguf", hash: hash), from: 2),
            fixture.transaction(Self.register("Other", format: "onnx", hash: LedgerFixture.contentHash("onnx")), from: 2),
            fixture.transaction(Self.register("", format: "gguf", hash: LedgerFixture.contentHash("nameless")), from: 2),
        ])
        #expect(result.outcomes == [.applied, .failed(.duplicate("the base model")),
                                    .failed(.invalidField("format must be gguf or safetensors")),
                                    .failed(.invalidField("the model needs a name"))])
        let record = try #require(try fixture.ledger.baseModel(hash))
        #expect(record.name == "Llama")
        #expect(record.format == "safetensors")
        #expect(record.registrant == fixture.addresses[1])
        #expect(record.registeredTime == fixture.time)
        #expect(try fixture.ledger.baseModel(LedgerFixture.contentHash("onnx")) == nil)
    }

    @Test("a training result on a version the datanet has reached registers its adapter")
    func trainingResult() throws {
        let market = try Marketplace()
        let adapter = try #require(try market.fixture.ledger.adapter(market.adapter))
        #expect(adapter.trainer == market.fixture.addresses[Marketplace.owner])
        #expect(adapter.result == market.trainingResult(adapter: market.adapter))
        #expect(try market.fixture.ledger.datanet(market.datanet)?.version == 1)
    }

    @Test("an adapter may draw on further datanets, each known, at a version it reached, and named once")
    func severalDatanets() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        func result(_ name: String, _ further: [DatanetVersion]) -> TrainingResult {
            market.trainingResult(adapter: LedgerFixture.contentHash(name), additionalDatanets: further)
        }
        let other = DatanetVersion(datanetID: market.otherDatanet, version: 1)
        let results = [
            result("both", [other]),
            result("unknown", [DatanetVersion(datanetID: LedgerFixture.contentHash("no datanet"), version: 1)]),
            result("too new", [DatanetVersion(datanetID: market.otherDatanet, version: 2)]),
            result("twice", [other, other]),
            result("first again", [DatanetVersion(datanetID: market.datanet, version: 1)]),
        ]
        let outcome = try fixture.apply(results.map { fixture.transaction(.trainingResult($0), from: Marketplace.owner) })
        #expect(outcome.outcomes.map(\.reasonCode) == ["", "unknown_datanet", "invalid_field", "invalid_field", "invalid_field"])
        #expect(outcome.outcomes[3] == .failed(.invalidField("a datanet is named twice")))
        let adapter = try #require(try fixture.ledger.adapter(LedgerFixture.contentHash("both")))
        #expect(adapter.result.datanets.map(\.datanetID) == [market.datanet, market.otherDatanet])
    }

    @Test("an unknown datanet or model, version 0 or beyond the latest, an empty adapter or a repeat fails")
    func badTrainingResults() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let fresh = LedgerFixture.contentHash("fresh adapter")
        let results = [
            market.trainingResult(adapter: fresh, datanet: LedgerFixture.contentHash("no datanet")),
            market.trainingResult(adapter: fresh, version: 0),
            market.trainingResult(adapter: fresh, version: 2),
            market.trainingResult(adapter: fresh, baseModel: LedgerFixture.contentHash("no model")),
            market.trainingResult(adapter: fresh, adapterByteCount: 0),
            market.trainingResult(adapter: market.adapter),
            market.trainingResult(adapter: fresh, datanet: market.otherDatanet),
            market.trainingResult(adapter: fresh),
        ]
        let outcome = try fixture.apply(results.map { fixture.transaction(.trainingResult($0), from: 9) })
        #expect(outcome.outcomes.map(\.reasonCode) == ["unknown_datanet", "invalid_field", "invalid_field", "unknown_model",
                                                       "invalid_field", "duplicate", "", "duplicate"])
        #expect(try fixture.ledger.adapter(fresh)?.result.datanetID == market.otherDatanet)
        #expect(try fixture.ledger.adapter(fresh)?.trainer == fixture.addresses[Marketplace.outsider])
    }

    @Test("a staked host lists registered adapters; a new listing replaces the old")
    func hostListing() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let listing = HostListing(adapterHashes: [market.adapter], pricePerThousandTokens: 5, endpoint: "/ip4/10.0.0.1/tcp/4001")
        #expect(try fixture.outcome(of: .hostListing(listing), from: Marketplace.host) == .applied)
        let record = try #require(try fixture.ledger.hostListing(fixture.addresses[Marketplace.host]))
        #expect(record.listing == listing)
        #expect(record.updatedTime == fixture.time)
        let empty = HostListing(adapterHashes: [], pricePerThousandTokens: 7, endpoint: "")
        #expect(try fixture.outcome(of: .hostListing(empty), from: Marketplace.host) == .applied)
        #expect(try fixture.ledger.hostListing(fixture.addresses[Marketplace.host])?.listing == empty)
    }

    @Test("listing needs host_stake_min of host stake, known adapters and no repeats")
    func badListings() throws {
        let market = try Marketplace()
        let fixture = market.fixture
        let good = HostListing(adapterHashes: [market.adapter], pricePerThousandTokens: 1, endpoint: "")
        let unknown = HostListing(adapterHashes: [market.adapter, LedgerFixture.contentHash("unknown")],
                                  pricePerThousandTokens: 1, endpoint: "")
        let repeated = HostListing(adapterHashes: [market.adapter, market.adapter], pricePerThousandTokens: 1, endpoint: "")
        let result = try fixture.apply([
            fixture.transaction(.hostListing(good), from: Marketplace.outsider),
            fixture.transaction(.stake(Stake(role: .host, amount: Token.tokens(1_000) - 1)), from: Marketplace.outsider),
            fixture.transaction(.hostListing(good), from: Marketplace.outsider),
            fixture.transaction(.stake(Stake(role: .host, amount: 1)), from: Marketplace.outsider),
            fixture.transaction(.hostListing(good), from: Marketplace.outsider),
            fixture.transaction(.hostListing(unknown), from: Marketplace.host),
            fixture.transaction(.hostListing(repeated), from: Marketplace.host),
        ])
        #expect(result.outcomes == [.failed(.insufficientStake(.host)), .applied, .failed(.insufficientStake(.host)),
                                    .applied, .applied, .failed(.unknownAdapter),
                                    .failed(.invalidField("an adapter is listed twice"))])
        #expect(try fixture.ledger.hostListing(fixture.addresses[Marketplace.host]) == nil)
    }
}
