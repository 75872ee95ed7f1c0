import Ledger
import Sodium
import Testing
@testable import Sequencer

@Suite("InMemoryBatchExecutor")
struct InMemoryBatchExecutorTests {
    static let bench = ConsensusBench()

    @Test("drafts the first pending transactions; the state root is the running hash of their ids")
    func drafts() throws {
        var executor = ConsensusFixtures.executor(transactionsPerBatchMax: 2)
        let transactions = Array(ConsensusFixtures.transactions.prefix(3))
        let offers = transactions.map { executor.offer($0) } + [executor.offer(transactions[0])]
        #expect(offers == [true, true, true, false])
        let drafted = executor.draft(height: 1, slot: 1, time: 0)
        let draft = try #require(drafted)
        #expect(draft.transactions.map(\.id) == transactions.prefix(2).map(\.id))
        let expected = BLAKE2b256.hash(BLAKE2b256.hash(ConsensusFixtures.genesisStateRoot + transactions[0].id) + transactions[1].id)
        #expect(draft.stateRoot == expected)
    }

    @Test("validates the state root and fresh, distinct transactions; commits move the head")
    func validatesAndCommits() {
        var executor = ConsensusFixtures.executor()
        let transaction = ConsensusFixtures.transactions[5]
        let batch = Self.bench.batch(on: executor, slot: 1, transactions: [transaction])
        let wrongRoot = Self.bench.batch(on: executor, slot: 1, transactions: [transaction], stateRoot: [UInt8](repeating: 1, count: 32))
        let repeated = Self.bench.batch(on: executor, slot: 1, transactions: [transaction, transaction])
        let verdicts = [executor.validate(batch), executor.validate(wrongRoot), executor.validate(repeated)]
        #expect(verdicts == [true, false, false])
        let certificate = Self.bench.certificate(batch, slot: 1, signers: [0, 1, 2])
        executor.commit(batch, certificate: certificate)
        #expect(executor.head == ChainHead(height: 1, batchHash: batch.hash, slot: 1, certificate: certificate))
        #expect(executor.committed.count == 1)
        let replayed = Self.bench.batch(on: executor, slot: 2, transactions: [transaction])
        let replayedVerdict = executor.validate(replayed)
        let offered = executor.offer(transaction)
        #expect(!replayedVerdict && !offered)
    }
}
