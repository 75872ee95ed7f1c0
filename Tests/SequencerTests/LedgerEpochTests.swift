import Foundation
import Ledger
import Sodium
import Testing
import Wire
@testable import Sequencer

/// Epochs on real ledgers: four validators with epochs of two heights. In the first batch
/// an account stakes in as a validator, validator 3 unstakes below the minimum, and
/// evidence that sequencer 2 signed two headers for one slot is included. From epoch 2 on
/// (heights 5 and 6, computed from the state after height 2) the sets show all three.
@Suite("Epochs on the ledger", .serialized)
struct LedgerEpochTests {
    typealias Base = LedgerBatchExecutorTests
    static let joiner = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x44, count: 32))
    static let joinerAddress = AccountAddress(publicKey: joiner.publicKey)
    static let fee = Token.baseUnitsPerToken / 100

    static func genesis() throws -> Genesis {
        let accounts = (Base.addresses + [joinerAddress]).map { GenesisSpec.Account(address: $0.description, balance: "20000") }
        let stakes = Base.addresses.flatMap { address in
            ["validator", "sequencer"].map { GenesisSpec.StakeEntry(address: address.description, role: $0, amount: "20000") }
        }
        let placed = 5 * 20_000 + 8 * 20_000
        return try Genesis(spec: GenesisSpec(chainID: Base.chainID, genesisTime: Base.genesisSeconds, accounts: accounts,
                                             allocations: [], stakes: stakes, treasury: "\(1_000_000_000 - placed)",
                                             parameters: ["epoch_heights": "2"]))
    }

    static func signed(_ kind: TransactionKind, by key: Ed25519PrivateKey) -> SignedTransaction {
        SignedTransaction(signing: Transaction(nonce: 0, fee: fee, expiry: Base.genesisSeconds + 3_600, kind: kind),
                          chainID: Base.chainID, with: key)
    }

    /// Two different headers signed by sequencer 2 for slot 9.
    static func evidence() -> EquivocationEvidence {
        let headers = [1, 2].map { root in
            let header = BatchHeader(height: 1, slot: 9, parentHash: [UInt8](repeating: 0, count: 32),
                                     transactionsRoot: TransactionsRoot.root(of: []),
                                     stateRoot: [UInt8](repeating: UInt8(root), count: 32), time: Base.genesisSeconds + 18)
            return SignedMessage(signing: header, chainID: Base.chainID, with: Base.keys[2]).envelopeBytes
        }
        return EquivocationEvidence(first: headers[0], second: headers[1])
    }

    static func machines(path: String) throws -> [ConsensusMachine<LedgerBatchExecutor>] {
        let genesis = try genesis()
        let configuration = ConsensusConfiguration(
            chainID: Base.chainID, slotClock: SlotClock(genesisSeconds: Base.genesisSeconds, slotMilliseconds: 2_000))
        let transactions = [
            signed(.stake(Stake(role: .validator, amount: Token.tokens(10_000))), by: joiner),
            signed(.unstake(Unstake(role: .validator, amount: Token.tokens(20_000))), by: Base.keys[3]),
            signed(.equivocationEvidence(evidence()), by: Base.keys[0]),
        ]
        return try Base.keys.indices.map { index in
            let ledger = try LedgerDatabase(path: index == 0 ? path : ":memory:", synchronous: .normal)
            try ledger.initialize(with: genesis)
            var executor = try LedgerBatchExecutor(ledger: ledger, account: Base.addresses[index])
            for transaction in transactions {
                _ = executor.mempool.add(transaction, accountNonce: 0, minimumFee: 0, time: Base.genesisSeconds)
            }
            return ConsensusMachine(configuration: configuration, key: Base.keys[index], executor: executor)
        }
    }

    @Test("joining, leaving and slashing change the sets from the epoch after next; every certificate verifies against its height's set")
    func setsFollowTheLedger() throws {
        let path = NSTemporaryDirectory() + "oln-epochs-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var machines = try Self.machines(path: path)
        Base.run(&machines, heights: 16)
        let ledger = machines[0].executor.ledger
        #expect(ledger.height >= 16)
        let outcomes = (1...4).flatMap { (try? ledger.transactionOutcomes(height: $0)) ?? [] }
        #expect(outcomes.count == 3 && outcomes.allSatisfy { $0.status == "applied" }, "\(outcomes)")
        let schedule = machines[0].executor.schedule
        #expect(machines.allSatisfy { $0.executor.schedule == schedule }, "every node computed the same epochs")
        #expect(schedule.epochs.count == ConsensusSchedule.epochCountMax)
        #expect(try ledger.consensusEpochRows().map(\.number) == schedule.epochs.map(\.number), "a bounded number is kept")

        #expect(schedule.epochs.first?.number == 2 && schedule.epoch(forHeight: 4) == nil, "epochs 0 and 1 are forgotten")
        let after = try #require(schedule.epoch(forHeight: 16))
        let expected: Set<AccountAddress> = [Base.addresses[0], Base.addresses[1], Base.addresses[2], Self.joinerAddress]
        #expect(Set(after.validators.members.map(\.address)) == expected)
        #expect(after.validators.stake(of: Self.joinerAddress) == Token.tokens(10_000))
        #expect(Set(after.sequencers.map(\.address)) == [Base.addresses[0], Base.addresses[1], Base.addresses[3]],
                "the equivocating sequencer left the leader schedule")
        #expect(!after.leaders.contains(Base.addresses[2]))
        #expect(machines.map(\.isValidator) == [true, true, true, false])

        // Every certificate against the set of its height, written out independently: the
        // genesis validators up to height 4, then 0, 1, 2 and the joiner.
        let genesisSet = ValidatorSet(members: Base.addresses.map { ($0, Token.tokens(20_000)) })
        let laterSet = ValidatorSet(members: Base.addresses.prefix(3).map { ($0, Token.tokens(20_000)) }
                                    + [(Self.joinerAddress, Token.tokens(10_000))])
        for archived in try ledger.archivedBatches(from: 1, count: 16) {
            var reader = try ProtobufReader(archived.certificate, strictness: .canonical)
            let certificate = try FinalityCertificate(from: &reader)
            let validators = archived.height <= 4 ? genesisSet : laterSet
            #expect(certificate.verificationFailure(validators: validators, chainID: Base.chainID) == nil, "height \(archived.height)")
            let batch = try BatchMessage.decode(archived.message, chainID: Base.chainID)
            #expect(batch.leader != Base.addresses[2] || archived.height <= 4, "height \(archived.height)")
        }

        // A restart: the executor rebuilt from the ledger file, and a second connection to it.
        let restarted = try LedgerBatchExecutor(ledger: ledger, account: Base.addresses[0])
        #expect(restarted.schedule == schedule)
        let reopened = try LedgerDatabase(path: path)
        let stored = try ConsensusSchedule.stored(in: reopened)
        #expect(stored.isStored && stored.schedule == schedule)
    }

    @Test("a history imported into a fresh ledger verifies each certificate against its epoch and keeps the same epochs")
    func importAcrossEpochs() throws {
        var machines = try Self.machines(path: ":memory:")
        Base.run(&machines, heights: 9)
        let source = machines[0].executor.ledger
        let fresh = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try fresh.initialize(with: try Self.genesis())
        let outcome = try ChainHistoryReplay.replay(try ChainHistoryExport.bytes(of: source), into: fresh)
        #expect(outcome.applied == Int(source.height))
        let imported = try ConsensusSchedule.stored(in: fresh)
        let original = try LedgerBatchExecutor(ledger: source, account: Base.addresses[0]).schedule
        #expect(imported.isStored && imported.schedule == original)
        #expect(try fresh.consensusEpochRows() == source.consensusEpochRows())
    }
}
