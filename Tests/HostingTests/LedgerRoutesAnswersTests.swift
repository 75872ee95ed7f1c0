import InferenceAPI
import Ledger
import Testing
import Wire
@testable import Hosting

/// The ledger routes' answers, built against a ledger initialised at genesis (and one batch).
@Suite("LedgerRoutesAnswers")
struct LedgerRoutesAnswersTests {
    @Test("the chain answer carries the status and the state root recorded at the head height")
    func chain() throws {
        let fixture = try LedgerRoutesFixture()
        let answer = try LedgerRoutesAnswers.chain(status: fixture.status(height: 0, slot: 9), ledger: fixture.ledger)
        #expect(answer["chain_id"] == .integer(Int(LedgerRoutesFixture.chainID)))
        #expect(answer["head_height"] == 0)
        #expect(answer["slot"] == 9)
        #expect(answer["peers"] == 3)
        #expect(answer["mempool"] == 7)
        #expect(answer["leader"] == .string(fixture.addresses[1].description))
        #expect(answer["state_root"] == .string(Base16.encode(fixture.ledger.stateRoot)))
        #expect(answer["genesis_hash"] == fixture.ledger.genesisHash.map { .string(Base16.encode($0)) })
        let unknown = try LedgerRoutesAnswers.chain(status: fixture.status(height: 5, slot: 9), ledger: fixture.ledger)
        #expect(unknown["state_root"] == .null)
    }

    @Test("an account shows its genesis balance, nonce, stake and no payouts")
    func account() throws {
        let fixture = try LedgerRoutesFixture()
        let answer = try LedgerRoutesAnswers.account(fixture.addresses[0], ledger: fixture.ledger)
        #expect(answer["address"] == .string(fixture.addresses[0].description))
        #expect(answer["balance"] == "1000000")
        #expect(answer["nonce"] == 0)
        #expect(answer["stakes"] == ["host": "5000"])
        #expect(answer["paid_out"] == "0")
        let payouts = try LedgerRoutesAnswers.payouts(fixture.addresses[2], ledger: fixture.ledger)
        #expect(payouts["total"] == "0")
        #expect(payouts["payouts"] == [])
    }

    @Test("unknown identifiers answer 404")
    func unknown() throws {
        let fixture = try LedgerRoutesFixture()
        let id = [UInt8](repeating: 0xab, count: 32)
        let lookups: [(String, ([UInt8], LedgerDatabase) throws(APIError) -> APIValue)] = [
            ("receipt_not_found", LedgerRoutesAnswers.receipt),
            ("datanet_not_found", LedgerRoutesAnswers.datanet),
            ("contribution_not_found", LedgerRoutesAnswers.contribution),
        ]
        for (code, lookup) in lookups {
            #expect {
                _ = try lookup(id, fixture.ledger)
            } throws: { error in
                (error as? APIError)?.status == .notFound && (error as? APIError)?.code == code
            }
        }
    }

    @Test("genesis has no datanets and no models")
    func emptyLists() throws {
        let fixture = try LedgerRoutesFixture()
        #expect(try LedgerRoutesAnswers.datanets(ledger: fixture.ledger)["data"] == [])
        let models = try LedgerRoutesAnswers.models(ledger: fixture.ledger)
        #expect(models["base_models"] == [])
        #expect(models["adapters"] == [])
    }

    @Test("a created datanet is listed and shown with the fields `oln datanet show --json` prints, by a connection opened before")
    func datanet() throws {
        let fixture = try LedgerRoutesFixture()
        // The routes keep one connection open while the node writes through another.
        let reader = try LedgerDatabase(path: fixture.path)
        let rules = DatanetRules(curatorStakeMin: Token.tokens(100), quorum: Token.tokens(1_000), voteWindowSeconds: 3_600,
                                 contributionBond: Token.tokens(10), payloadByteCountMax: 1 << 20)
        let create = fixture.transaction(.createDatanet(CreateDatanet(name: "legal", summary: "contracts", tags: ["law"],
                                                                      rules: rules)), from: 1, nonce: 0)
        let result = try fixture.apply([create])
        #expect(result.outcomes.map(\.status) == ["applied"])
        let id = LedgerIdentifier.derive(sender: fixture.addresses[1], nonce: 0)
        let chain = try LedgerRoutesAnswers.chain(status: fixture.status(height: 1, slot: 2), ledger: reader)
        #expect(chain["state_root"] == .string(Base16.encode(result.stateRoot)))
        let list = try LedgerRoutesAnswers.datanets(ledger: reader)
        guard case .array(let data)? = list["data"] else { Issue.record("no data array"); return }
        #expect(data.count == 1)
        #expect(data.first?["id"] == .string(Base16.encode(id)))
        let shown = try LedgerRoutesAnswers.datanet(id, ledger: reader)
        #expect(shown["name"] == "legal")
        #expect(shown["summary"] == "contracts")
        #expect(shown["tags"] == ["law"])
        #expect(shown["owner"] == .string(fixture.addresses[1].description))
        #expect(shown["version"] == 0)
        #expect(shown["rules"] == ["curator_stake_min": "100", "quorum": "1000", "vote_window_seconds": 3_600,
                                   "contribution_bond": "10", "payload_bytes_max": 1_048_576])
        #expect(shown["contributions"] == [])
    }

    @Test("ledger integers that do not fit an Int are written as decimal text")
    func largeIntegers() {
        #expect(LedgerRoutesAnswers.integer(42) == 42)
        #expect(LedgerRoutesAnswers.integer(UInt64.max) == "18446744073709551615")
    }
}
