import Ledger
import Testing
import TestSupport
@testable import Sequencer

@Suite("ConsensusLock")
struct ConsensusLockTests {
    static let bench = ConsensusBench()

    static func lock() -> ConsensusLock {
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 3, transactions: [ConsensusFixtures.transactions[0]])
        return ConsensusLock(slot: 3, batch: batch, polkaVotes: [0, 2, 3].map { bench.vote($0, .prevote, height: 1, slot: 3, batch.hash) })
    }

    @Test("a lock round-trips with its batch and polka, verified for its chain")
    func roundTrip() throws {
        let lock = Self.lock()
        let decoded = try ConsensusLock.decode(lock.encoded, chainID: Self.bench.chainID)
        #expect(decoded.encoded == lock.encoded)
        #expect(decoded.height == 1)
        #expect(decoded.batch.hash == lock.batch.hash)
        #expect(throws: ProposalMessageError.self) { try ConsensusLock.decode(lock.encoded, chainID: Self.bench.chainID + 1) }
    }

    @Test("random and mutated locks never trap, and what decodes re-encodes to the same bytes (seeded)")
    func mutations() {
        var generator = SeededGenerator.make(for: "ConsensusLockTests.mutations")
        let valid = Self.lock().encoded
        for round in 0..<400 {
            let input = round % 4 == 0 ? generator.bytes(maximumCount: 256) : generator.mutate(valid)
            if let lock = try? ConsensusLock.decode(input, chainID: Self.bench.chainID) {
                #expect(lock.encoded == input)
            }
        }
    }
}
