import Ledger
import Sodium
import Testing
@testable import Sequencer

/// Four validators running the consensus machine on real ledgers, messages delivered to
/// everyone at once: transactions offered to the mempools end up finalized, and every
/// ledger ends at the same state root.
@Suite("LedgerBatchExecutor")
struct LedgerBatchExecutorTests {
    static let chainID: UInt64 = 77
    static let genesisSeconds: UInt64 = 1_767_225_600
    static let keys = (0..<4).map { try! Ed25519PrivateKey(seed: [UInt8](repeating: UInt8(0x20 + $0), count: 32)) }
    static let addresses = keys.map { AccountAddress(publicKey: $0.publicKey) }
    static let client = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x33, count: 32))
    static let clientAddress = AccountAddress(publicKey: client.publicKey)

    static func genesis() throws -> Genesis {
        let accounts = (addresses + [clientAddress]).map { GenesisSpec.Account(address: $0.description, balance: "1000") }
        let stakes = addresses.flatMap { address in
            ["validator", "sequencer"].map { GenesisSpec.StakeEntry(address: address.description, role: $0, amount: "20000") }
        }
        let placed = 5 * 1_000 + 8 * 20_000
        return try Genesis(spec: GenesisSpec(chainID: chainID, genesisTime: genesisSeconds, accounts: accounts,
                                             allocations: [], stakes: stakes, treasury: "\(1_000_000_000 - placed)",
                                             parameters: nil))
    }

    static func machines(genesis: Genesis) throws -> [ConsensusMachine<LedgerBatchExecutor>] {
        let configuration = ConsensusConfiguration(
            chainID: chainID, slotClock: SlotClock(genesisSeconds: genesisSeconds, slotMilliseconds: 2_000))
        return try keys.indices.map { index in
            let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
            try ledger.initialize(with: genesis)
            let executor = try LedgerBatchExecutor(ledger: ledger, account: addresses[index])
            return ConsensusMachine(configuration: configuration, key: keys[index], executor: executor)
        }
    }

    /// Runs every machine until `heights` batches are committed everywhere or time runs out.
    static func run(_ machines: inout [ConsensusMachine<LedgerBatchExecutor>], heights: UInt64) {
        var now = genesisSeconds * 1_000 + 1
        var queue: [(from: Int, action: ConsensusAction)] = []
        for index in machines.indices { queue += machines[index].start(now: now).map { (index, $0) } }
        var wakeUps: [UInt64] = []
        for _ in 0..<10_000 {
            while !queue.isEmpty {
                let (from, action) = queue.removeFirst()
                for index in machines.indices where index != from {
                    switch action {
                    case .broadcastProposal(let proposal):
                        queue += machines[index].receiveProposal(proposal, now: now).map { (index, $0) }
                    case .broadcastVote(let vote):
                        queue += machines[index].receiveVote(vote, now: now).map { (index, $0) }
                    default: break
                    }
                }
                if case .wakeUp(let at) = action { wakeUps.append(at) }
            }
            if machines.allSatisfy({ $0.executor.head.height >= heights }) { return }
            guard let next = wakeUps.filter({ $0 > now }).min() else { return }
            now = next
            wakeUps.removeAll { $0 <= now }
            for index in machines.indices { queue += machines[index].tick(now: now).map { (index, $0) } }
        }
    }

    @Test("offered transfers are finalized, and all four ledgers agree")
    func transfersFinalize() throws {
        let genesis = try Self.genesis()
        var machines = try Self.machines(genesis: genesis)
        let fee = Token.baseUnitsPerToken / 100
        let transfers = (0..<6).map { nonce in
            SignedTransaction(signing: Transaction(nonce: UInt64(nonce), fee: fee, expiry: Self.genesisSeconds + 3_600,
                                                   kind: .transfer(Transfer(to: Self.addresses[nonce % 4], amount: Token.tokens(1)))),
                              chainID: Self.chainID, with: Self.client)
        }
        for index in machines.indices {
            for transfer in transfers {
                _ = machines[index].executor.mempool.add(transfer, accountNonce: 0, minimumFee: 0, time: Self.genesisSeconds)
            }
        }
        Self.run(&machines, heights: 3)
        for machine in machines {
            #expect(machine.executor.failure == nil)
            #expect(machine.executor.head.height >= 3)
        }
        let height = machines.map(\.executor.head.height).min()!
        let roots = try machines.map { try $0.executor.ledger.stateRoot(atHeight: height) }
        #expect(Set(roots.compactMap { $0 }).count == 1)
        let ledger = machines[0].executor.ledger
        #expect(try ledger.account(Self.clientAddress).nonce == 6)
        #expect(try ledger.account(Self.clientAddress).balance == Token.tokens(1_000) - 6 * (Token.tokens(1) + fee))
        #expect(machines[0].executor.mempool.count == 0)
        let restored = try LedgerBatchExecutor(ledger: ledger, account: Self.addresses[0])
        #expect(restored.head.height == ledger.height)
        let last = try ledger.lastArchivedBatch()
        #expect(restored.head.batchHash == last?.hash)
    }

    @Test("a proposal whose state root is wrong is not valid")
    func wrongRootInvalid() throws {
        let genesis = try Self.genesis()
        let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try ledger.initialize(with: genesis)
        var executor = try LedgerBatchExecutor(ledger: ledger, account: Self.addresses[0])
        let time = Self.genesisSeconds + 2
        let drafted = executor.draft(height: 1, slot: 1, time: time)
        let draft = try #require(drafted)
        func batch(stateRoot: [UInt8]) -> BatchMessage {
            let header = BatchHeader(height: 1, slot: 1, parentHash: executor.head.batchHash,
                                     transactionsRoot: TransactionsRoot.root(of: draft.transactions),
                                     stateRoot: stateRoot, time: time)
            return BatchMessage(header: SignedMessage(signing: header, chainID: Self.chainID, with: Self.keys[0]),
                                transactions: draft.transactions, certificate: nil)
        }
        let right = executor.validate(batch(stateRoot: draft.stateRoot))
        let wrong = executor.validate(batch(stateRoot: [UInt8](repeating: 9, count: 32)))
        #expect(right)
        #expect(!wrong)
        #expect(ledger.height == 0)
    }
}
