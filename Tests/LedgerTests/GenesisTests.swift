import Foundation
import Testing
@testable import Ledger

/// Genesis validation, the genesis hash and the initial state: `Genesis`, `GenesisSpec`.
@Suite("Genesis")
struct GenesisTests {
    static let addresses = try! LedgerFixture(accountCount: 3).addresses
    static let address = addresses[0].description

    /// A valid spec: 600,000,000 tokens on account 0, 100,000,000 vesting on account 1,
    /// 20,000 staked by account 2 as validator, the rest in the treasury.
    static func spec() -> GenesisSpec {
        GenesisSpec(
            chainID: 77, genesisTime: 1_767_225_600,
            accounts: [GenesisSpec.Account(address: addresses[0].description, balance: "600000000"),
                       GenesisSpec.Account(address: addresses[2].description, balance: "0.5")],
            allocations: [GenesisSpec.Allocation(name: "team", address: addresses[1].description, amount: "100000000",
                                                 unlockedAtStart: "1000", cliffSeconds: 100, vestingSeconds: 1_000)],
            stakes: [GenesisSpec.StakeEntry(address: addresses[2].description, role: "validator", amount: "20000")],
            treasury: "299979999.5", parameters: ["gas_price": "7"])
    }

    static func message(of spec: GenesisSpec) -> String? {
        do {
            _ = try Genesis(spec: spec)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a valid spec resolves to balances, allocations, stakes, treasury and parameters")
    func valid() throws {
        let genesis = try Genesis(spec: Self.spec())
        #expect(genesis.chainID == 77)
        #expect(genesis.balances.map(\.amount).reduce(0, +) == Token.tokens(600_000_000) + Token.baseUnitsPerToken / 2)
        #expect(genesis.allocations.map(\.vesting.total) == [Token.tokens(100_000_000)])
        #expect(genesis.allocations[0].vesting.start == 1_767_225_600)
        #expect(genesis.stakes.map(\.role) == [.validator])
        #expect(genesis.treasury == Token.tokens(299_979_999) + Token.baseUnitsPerToken / 2)
        #expect(genesis.parameters[.gasPrice] == 7)
        #expect(genesis.parameters[.feeBurn] == GovernedParameter.feeBurn.defaultValue)
    }

    @Test("the initial ledger state holds exactly what the spec places")
    func initialState() throws {
        let genesis = try Genesis(spec: Self.spec())
        let ledger = try LedgerDatabase(path: ":memory:")
        try ledger.initialize(with: genesis)
        #expect(ledger.chainID == 77)
        #expect(ledger.genesisHash == genesis.hash)
        #expect(ledger.height == 0)
        #expect(ledger.time == 1_767_225_600)
        #expect(try ledger.account(Self.addresses[0]).balance == Token.tokens(600_000_000))
        #expect(try ledger.account(Self.addresses[1]).balance == 0)
        #expect(try ledger.vesting(of: Self.addresses[1], allocation: 0)?.unlockedAtStart == Token.tokens(1_000))
        #expect(try ledger.totalStake(of: .validator) == Token.tokens(20_000))
        #expect(try ledger.systemTotals().treasury == genesis.treasury)
        #expect(try ledger.systemTotals().burned == 0)
        #expect(try ledger.parameters()[.gasPrice] == 7)
        let holdings = try SupplyAudit.holdings(of: ledger)
        #expect(holdings.total == Token.supply)
        #expect(holdings.locked == Token.tokens(100_000_000))
    }

    @Test("a spec one token short names what is missing")
    func tooFew() throws {
        var spec = Self.spec()
        spec.treasury = "299979998.5"
        let message = try #require(Self.message(of: spec))
        #expect(message.contains("999999999 tokens"))
        #expect(message.contains("(1 missing)"))
    }

    @Test("a spec that places too much names the excess")
    func tooMany() throws {
        var spec = Self.spec()
        spec.treasury = "299979999.500000000000000003"
        let message = try #require(Self.message(of: spec))
        #expect(message.contains("1000000000.000000000000000003 tokens"))
        #expect(message.contains("(0.000000000000000003 too many)"))
    }

    @Test("a malformed or mistyped address is refused, naming the entry",
          arguments: ["0x1234", "not an address", String(address.dropLast()) + "g", address.lowercased() + "0"])
    func badAddress(text: String) throws {
        var spec = Self.spec()
        spec.accounts[0].address = text
        let message = try #require(Self.message(of: spec))
        #expect(message.contains("account \(text)"))
    }

    @Test("a mixed-case address with a wrong checksum is refused")
    func badChecksum() throws {
        var spec = Self.spec()
        let text = Self.address
        let letters = text.dropFirst(2).enumerated().filter { $0.element.isLetter }
        try #require(letters.count >= 2)
        let flip = letters[0].offset + 2
        var characters = Array(text)
        characters[flip] = Character(characters[flip].isUppercase ? characters[flip].lowercased() : characters[flip].uppercased())
        let flipped = String(characters)
        guard flipped.contains(where: \.isUppercase), flipped.dropFirst(2).contains(where: \.isLowercase) else { return }
        spec.accounts[0].address = flipped
        #expect(Self.message(of: spec) != nil)
    }

    @Test("an account listed twice is refused, also in another spelling")
    func duplicateAccount() throws {
        var spec = Self.spec()
        spec.accounts.append(GenesisSpec.Account(address: Self.address.lowercased(), balance: "0"))
        let message = try #require(Self.message(of: spec))
        #expect(message.contains("listed twice"))
    }

    @Test("a stake of an unknown role or the same role twice is refused")
    func badStakes() throws {
        var spec = Self.spec()
        spec.stakes[0].role = "miner"
        #expect(try #require(Self.message(of: spec)).contains("role must be sequencer, validator, curator or host"))
        spec = Self.spec()
        spec.stakes[0].amount = "10000"
        spec.stakes.append(GenesisSpec.StakeEntry(address: Self.addresses[2].description, role: "validator", amount: "10000"))
        #expect(try #require(Self.message(of: spec)).contains("listed twice"))
    }

    @Test("an unknown parameter, or a value outside its range or not an integer, is refused",
          arguments: [("gas_prize", "1", "no governed parameter is named gas_prize"),
                      ("fee_burn_ppm", "1000001", "fee_burn_ppm must be an integer in 0...1000000"),
                      ("unbonding_period_seconds", "0", "unbonding_period_seconds must be an integer in 1...31536000"),
                      ("gas_price", "1.5", "gas_price must be an integer"),
                      ("gas_price", "-1", "gas_price must be an integer")])
    func badParameter(name: String, value: String, expected: String) throws {
        var spec = Self.spec()
        spec.parameters = [name: value]
        #expect(try #require(Self.message(of: spec)).contains(expected))
    }

    @Test("receipt shares above 1,000,000 ppm together, or a vote window minimum above its maximum, are refused")
    func relations() throws {
        var spec = Self.spec()
        spec.parameters = ["receipt_host_share_ppm": "500001", "receipt_contributor_share_ppm": "400000"]
        #expect(try #require(Self.message(of: spec)).contains("more than 1,000,000 ppm"))
        spec.parameters = ["receipt_host_share_ppm": "500000", "receipt_contributor_share_ppm": "400000"]
        #expect(Self.message(of: spec) == nil)
        spec.parameters = ["datanet_vote_window_min_seconds": "7200", "datanet_vote_window_max_seconds": "7199"]
        #expect(try #require(Self.message(of: spec)).contains("exceeds datanet_vote_window_max_seconds"))
    }

    @Test("chain id zero, an allocation unlocking more than it holds, or a cliff past the end of time is refused")
    func otherErrors() throws {
        var spec = Self.spec()
        spec.chainID = 0
        #expect(try #require(Self.message(of: spec)).contains("chain_id"))
        spec = Self.spec()
        spec.allocations[0].unlockedAtStart = "100000000.000000000000000001"
        #expect(try #require(Self.message(of: spec)).contains("unlocks more than it holds"))
        spec = Self.spec()
        spec.allocations[0].cliffSeconds = UInt64.max - 1_000
        #expect(try #require(Self.message(of: spec)).contains("cliff"))
        spec = Self.spec()
        spec.accounts[0].balance = "600,000,000"
        #expect(try #require(Self.message(of: spec)).contains("\"600,000,000\""))
    }

    @Test("the genesis hash is the same for the same spec and changes with every field")
    func hash() throws {
        let base = try Genesis(spec: Self.spec())
        #expect(try Genesis(spec: Self.spec()).hash == base.hash)
        var reordered = Self.spec()
        reordered.accounts.reverse()
        #expect(try Genesis(spec: reordered).hash == base.hash)
        #expect(base.hash.count == 32)
        var variants: [GenesisSpec] = []
        func variant(_ change: (inout GenesisSpec) -> Void) {
            var spec = Self.spec()
            change(&spec)
            variants.append(spec)
        }
        variant { $0.chainID = 78 }
        variant { $0.genesisTime += 1 }
        variant { $0.accounts[1].balance = "0.500000000000000001"; $0.treasury = "299979999.499999999999999999" }
        variant { $0.accounts[0].address = Self.addresses[1].description }
        variant { $0.allocations[0].cliffSeconds = 101 }
        variant { $0.allocations[0].vestingSeconds = 1_001 }
        variant { $0.allocations[0].unlockedAtStart = nil }
        variant { $0.allocations[0].name = "team2" }
        variant { $0.stakes[0].role = "curator" }
        variant { $0.stakes[0].amount = "20001"; $0.treasury = "299979998.5" }
        variant { $0.parameters = ["gas_price": "8"] }
        variant { $0.parameters = nil }
        var hashes: Set<[UInt8]> = [base.hash]
        for spec in variants {
            hashes.insert(try Genesis(spec: spec).hash)
        }
        #expect(hashes.count == variants.count + 1)
    }

    @Test("setting a parameter to its default gives the same genesis as leaving it out")
    func defaultParameter() throws {
        var spec = Self.spec()
        spec.parameters = ["gas_price": "7", "fee_burn_ppm": "200000"]
        #expect(try Genesis(spec: spec).hash == Genesis(spec: Self.spec()).hash)
    }

    @Test("a spec reads from JSON; missing keys and wrong types are named")
    func json() throws {
        let text = """
            {"chain_id": 5, "genesis_time": 10,
             "accounts": [{"address": "\(Self.address)", "balance": "999999000"}],
             "allocations": [{"name": "team", "address": "\(Self.address)", "amount": "1000",
                              "cliff_seconds": 60, "vesting_seconds": 120}],
             "stakes": [], "parameters": {"gas_price": "3"}}
            """
        let spec = try GenesisSpec.decode(Data(text.utf8))
        #expect(spec.chainID == 5)
        #expect(spec.allocations[0].unlockedAtStart == nil)
        #expect(spec.treasury == nil)
        let genesis = try Genesis(spec: spec)
        #expect(genesis.parameters[.gasPrice] == 3)
        #expect(throws: LedgerError.self) { try GenesisSpec.decode(Data(#"{"chain_id": 5}"#.utf8)) }
        do {
            _ = try GenesisSpec.decode(Data(#"{"chain_id": "five"}"#.utf8))
            Issue.record("a string chain id was accepted")
        } catch {
            #expect(error.description.contains("chain_id"))
        }
        #expect(throws: LedgerError.self) { try GenesisSpec.decode(Data("not json".utf8)) }
    }

    @Test("the schedule-shaped example is valid and circulates 21.55 % at launch")
    func scheduleShaped() throws {
        let spec = GenesisSpec.scheduleShaped(chainID: 9, genesisTime: 1_000, address: Self.address)
        let genesis = try Genesis(spec: spec)
        let balances: Amount = genesis.balances.map(\.amount).reduce(0, +)
        let stakes: Amount = genesis.stakes.map(\.amount).reduce(0, +)
        let unlocked: Amount = genesis.allocations.map { $0.vesting.vested(at: 1_000) }.reduce(0, +)
        let atLaunch = balances + stakes + unlocked
        #expect(atLaunch == Token.supply / 10_000 * 2_155)
        let month = GenesisSpec.monthSeconds
        let team = try #require(genesis.allocations.first { $0.name == "team" })
        #expect(team.vesting.vested(at: 1_000 + 12 * month - 1) == 0)
        #expect(team.vesting.vested(at: 1_000 + 30 * month) == Token.tokens(75_000_000))
        #expect(team.vesting.vested(at: 1_000 + 48 * month) == Token.tokens(150_000_000))
        let community = try #require(genesis.allocations.first { $0.name == "community" })
        #expect(community.vesting.vested(at: 1_000 + 24 * month) == Token.tokens(165_500_000 + 175_800_000))
    }
}
