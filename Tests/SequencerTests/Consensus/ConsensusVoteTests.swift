import Ledger
import Testing
import TestSupport
import Wire
@testable import Sequencer

@Suite("ConsensusVote")
struct ConsensusVoteTests {
    static let hash = [UInt8](repeating: 0xab, count: 32)

    @Test("votes round-trip canonically; a vote for nil leaves the hash out", arguments: [
        ConsensusVote(step: .prevote, height: 7, slot: 12, batchHash: hash),
        ConsensusVote(step: .precommit, height: 1, slot: 1, batchHash: nil),
        ConsensusVote(step: .precommit, height: 0, slot: 0, batchHash: hash),
    ])
    func roundTrip(vote: ConsensusVote) throws {
        let bytes = vote.canonicalBytes
        #expect(try ConsensusVote.decodeCanonical(bytes) == vote)
        // The step is always written (field 4); the hash only for a batch.
        #expect(bytes.suffix(2) == [0x20, UInt8(vote.step.rawValue)])
        #expect(bytes.contains(0x1a) == (vote.batchHash != nil))
    }

    @Test("hand-written bytes: field layout as documented")
    func layout() throws {
        // height 5, slot 9, hash 32 × 0xab, step precommit.
        let bytes: [UInt8] = [0x08, 5, 0x10, 9, 0x1a, 32] + Self.hash + [0x20, 2]
        #expect(try ConsensusVote.decodeCanonical(bytes) == ConsensusVote(step: .precommit, height: 5, slot: 9, batchHash: Self.hash))
    }

    @Test("refused: no step, an unknown step, a short hash, an empty hash, an unknown field", arguments: [
        [0x08, 5],
        [0x08, 5, 0x20, 3],
        [0x08, 5, 0x1a, 2, 1, 2, 0x20, 1],
        [0x08, 5, 0x1a, 0, 0x20, 1],
        [0x08, 5, 0x20, 1, 0x28, 1],
    ] as [[UInt8]])
    func refused(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try ConsensusVote.decodeCanonical(bytes) }
    }

    @Test("a signed vote verifies on its chain only, and prevote and precommit signatures differ")
    func signatures() throws {
        let bench = ConsensusBench()
        let prevote = bench.vote(0, .prevote, height: 3, slot: 4, Self.hash)
        let decoded = try SignedMessage<ConsensusVote>.verified(prevote.envelopeBytes, chainID: bench.chainID)
        #expect(decoded.body == prevote.body)
        #expect(throws: SignedMessageError.self) {
            try SignedMessage<ConsensusVote>.verified(prevote.envelopeBytes, chainID: bench.chainID + 1)
        }
        let precommit = bench.vote(0, .precommit, height: 3, slot: 4, Self.hash)
        #expect(prevote.signature != precommit.signature)
    }

    @Test("random and mutated votes never trap, and what decodes re-encodes to the same bytes (seeded)")
    func mutations() {
        var generator = SeededGenerator.make(for: "ConsensusVoteTests.mutations")
        let valid = ConsensusVote(step: .precommit, height: 300, slot: 301, batchHash: Self.hash).canonicalBytes
        for round in 0..<2_000 {
            let input = round % 4 == 0 ? generator.bytes(maximumCount: 64) : generator.mutate(valid)
            if let vote = try? ConsensusVote.decodeCanonical(input) {
                #expect(vote.canonicalBytes == input)
            }
        }
    }
}
