import Identity
import Ledger
import Sequencer
import Testing
@testable import Node

@Suite("ConsensusSetup")
struct ConsensusSetupTests {
    @Test("validators and leaders come from the stakes above the minimums; slots from the parameters")
    func fromLedger() throws {
        let keys = (0..<3).map { _ in IdentityKey().accountAddress.description }
        let spec = GenesisSpec.scheduleShaped(chainID: 3, genesisTime: 1_767_225_600, address: keys[0], validators: keys,
                                              parameters: ["slot_milliseconds": "750"])
        let ledger = try LedgerDatabase(path: ":memory:")
        try ledger.initialize(with: try Genesis(spec: spec))
        let setup = try ConsensusSetup(ledger: ledger, genesisTime: spec.genesisTime)
        #expect(setup.validators.members.count == 3)
        #expect(setup.slotClock.slotMilliseconds == 750)
        #expect(setup.slotClock.genesisMilliseconds == 1_767_225_600_000)
        let firstRound = Set((1...3).map { setup.leader(of: $0).description })
        #expect(firstRound == Set(keys.map { try! AccountAddress($0).description }), "equal stakes lead in turn")
        #expect(setup.leader(of: 5) == setup.leader(of: 5 + UInt64(ConsensusSetup.leaderCycleCount)))
    }

    @Test("a testnet genesis splits the liquidity share and places the whole supply")
    func testnetGenesis() throws {
        let keys = (0..<3).map { _ in IdentityKey().accountAddress.description }
        let spec = GenesisSpec.scheduleShaped(chainID: 3, genesisTime: 0, address: keys[0], validators: keys, parameters: nil)
        let genesis = try Genesis(spec: spec)
        #expect(genesis.stakes.count == 6)
        #expect(spec.accounts.map(\.balance) == ["16646668", "16646666", "16646666"])
        let single = GenesisSpec.scheduleShaped(chainID: 3, genesisTime: 0, address: keys[0])
        #expect(single.accounts == [GenesisSpec.Account(address: keys[0], balance: "49980000")])
    }
}
