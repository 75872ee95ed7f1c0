import Ledger
import Testing
import TestSupport
import Wire
@testable import Sequencer

@Suite("ConsensusProposal")
struct ConsensusProposalTests {
    static let hash = [UInt8](repeating: 0x5c, count: 32)

    @Test("proposals round-trip canonically, with and without a valid slot", arguments: [
        ConsensusProposal(height: 4, slot: 9, batchHash: hash, validSlot: nil),
        ConsensusProposal(height: 4, slot: 9, batchHash: hash, validSlot: 8),
        ConsensusProposal(height: 1, slot: 2, batchHash: hash, validSlot: 1),
    ])
    func roundTrip(proposal: ConsensusProposal) throws {
        #expect(try ConsensusProposal.decodeCanonical(proposal.canonicalBytes) == proposal)
    }

    @Test("hand-written bytes: height, slot, hash, valid slot")
    func layout() throws {
        let bytes: [UInt8] = [0x08, 4, 0x10, 9, 0x1a, 32] + Self.hash + [0x20, 8]
        #expect(try ConsensusProposal.decodeCanonical(bytes) == ConsensusProposal(height: 4, slot: 9, batchHash: Self.hash, validSlot: 8))
    }

    @Test("refused: a valid slot of 0, equal to or after the slot; a missing hash", arguments: [
        [0x08, 4, 0x10, 9, 0x1a, 32] + hash + [0x20, 0],
        [0x08, 4, 0x10, 9, 0x1a, 32] + hash + [0x20, 9],
        [0x08, 4, 0x10, 9, 0x1a, 32] + hash + [0x20, 10],
        [0x08, 4, 0x10, 9],
    ] as [[UInt8]])
    func refused(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try ConsensusProposal.decodeCanonical(bytes) }
    }

    @Test("random and mutated proposals never trap, and what decodes re-encodes to the same bytes (seeded)")
    func mutations() {
        var generator = SeededGenerator.make(for: "ConsensusProposalTests.mutations")
        let valid = ConsensusProposal(height: 70, slot: 900, batchHash: Self.hash, validSlot: 899).canonicalBytes
        for round in 0..<2_000 {
            let input = round % 4 == 0 ? generator.bytes(maximumCount: 64) : generator.mutate(valid)
            if let proposal = try? ConsensusProposal.decodeCanonical(input) {
                #expect(proposal.canonicalBytes == input)
            }
        }
    }
}
