import Ledger
import Sodium
import Testing
@testable import Sequencer

@Suite("Chain history export and import")
struct ChainHistoryTests {
    /// A chain of at least three finalized batches with transfers, from the four-validator run.
    static func finalizedLedger() throws -> LedgerDatabase {
        let genesis = try LedgerBatchExecutorTests.genesis()
        var machines = try LedgerBatchExecutorTests.machines(genesis: genesis)
        let transfers = (0..<4).map { nonce in
            SignedTransaction(signing: Transaction(nonce: UInt64(nonce), fee: Token.baseUnitsPerToken / 100,
                                                   expiry: LedgerBatchExecutorTests.genesisSeconds + 3_600,
                                                   kind: .transfer(Transfer(to: LedgerBatchExecutorTests.addresses[nonce],
                                                                            amount: Token.tokens(2)))),
                              chainID: LedgerBatchExecutorTests.chainID, with: LedgerBatchExecutorTests.client)
        }
        for transfer in transfers {
            _ = machines[0].executor.mempool.add(transfer, accountNonce: 0, minimumFee: 0,
                                                 time: LedgerBatchExecutorTests.genesisSeconds)
        }
        LedgerBatchExecutorTests.run(&machines, heights: 3)
        return machines[0].executor.ledger
    }

    static func freshLedger() throws -> LedgerDatabase {
        let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try ledger.initialize(with: try LedgerBatchExecutorTests.genesis())
        return ledger
    }

    @Test("a fresh ledger replays an exported history to the same state; replaying again skips it")
    func roundTrip() throws {
        let source = try Self.finalizedLedger()
        let bytes = try ChainHistoryExport.bytes(of: source)
        let target = try Self.freshLedger()
        var seen: [UInt64] = []
        let outcome = try ChainHistoryReplay.replay(bytes, into: target) { seen.append($0) }
        #expect(outcome == .init(applied: Int(source.height), alreadyHeld: 0))
        #expect(seen == Array(1...source.height))
        #expect(target.height == source.height)
        #expect(target.stateRoot == source.stateRoot)
        #expect(try ChainHistoryReplay.replay(bytes, into: target) == .init(applied: 0, alreadyHeld: Int(source.height)))
    }

    @Test("tampered, truncated or foreign histories are refused, and what came before stays applied")
    func refusals() throws {
        let source = try Self.finalizedLedger()
        let bytes = try ChainHistoryExport.bytes(of: source)
        let records = try ChainHistoryFile.records(bytes)
        #expect(records.count >= 3)

        var tampered = bytes
        tampered[tampered.count - 40] ^= 0x01
        let target = try Self.freshLedger()
        #expect(throws: (any Error).self) { try ChainHistoryReplay.replay(tampered, into: target) }
        #expect(target.height == source.height - 1)

        #expect(throws: ChainHistoryError.self) { try ChainHistoryFile.records(Array(bytes.dropLast(3))) }
        #expect(throws: ChainHistoryError.self) { try ChainHistoryFile.readHeader(Array("NOTCHAIN".utf8) + bytes.dropFirst(8)) }

        var foreign = bytes
        foreign[12 + 7] ^= 0x01
        #expect(throws: ChainHistoryError.self) { try ChainHistoryReplay.replay(foreign, into: try Self.freshLedger()) }
    }
}
