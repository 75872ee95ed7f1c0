import Testing
import TestSupport
import Wire
@testable import Sequencer

@Suite("ConsensusSigningState")
struct ConsensusSigningStateTests {
    static func state() -> ConsensusSigningState {
        var state = ConsensusSigningState()
        state.voteHeight = 5
        state.voteSlot = 17
        state.voteStep = .prevote
        state.proposalSlot = 16
        state.lockedHeight = 5
        state.lockedSlot = 15
        state.lockedHash = [UInt8](repeating: 9, count: 32)
        return state
    }

    @Test("round-trips canonically; the empty state is empty bytes")
    func roundTrip() throws {
        #expect(ConsensusSigningState().encoded.isEmpty)
        #expect(try ConsensusSigningState.decode([]) == ConsensusSigningState())
        let state = Self.state()
        #expect(try ConsensusSigningState.decode(state.encoded) == state)
        #expect(throws: WireError.self) { try ConsensusSigningState.decode([0x18, 3]) }
        #expect(throws: WireError.self) { try ConsensusSigningState.decode([0x10, 1, 0x08, 1]) }
    }

    @Test("a vote is allowed only after the last signed (height, slot, step); a proposal only in a later slot")
    func ordering() {
        let state = Self.state()
        #expect(ConsensusSigningState().allowsVote(height: 0, slot: 0, step: .prevote))
        #expect(!state.allowsVote(height: 5, slot: 17, step: .prevote))
        #expect(state.allowsVote(height: 5, slot: 17, step: .precommit))
        #expect(!state.allowsVote(height: 5, slot: 16, step: .precommit))
        #expect(state.allowsVote(height: 5, slot: 18, step: .prevote))
        #expect(!state.allowsVote(height: 4, slot: 30, step: .precommit))
        #expect(state.allowsVote(height: 6, slot: 1, step: .prevote))
        #expect(!state.allowsProposal(slot: 16))
        #expect(state.allowsProposal(slot: 17))
    }

    @Test("random and mutated states never trap, and what decodes re-encodes to the same bytes (seeded)")
    func mutations() {
        var generator = SeededGenerator.make(for: "ConsensusSigningStateTests.mutations")
        let valid = Self.state().encoded
        for round in 0..<2_000 {
            let input = round % 4 == 0 ? generator.bytes(maximumCount: 64) : generator.mutate(valid)
            if let state = try? ConsensusSigningState.decode(input) {
                #expect(state.encoded == input)
            }
        }
    }
}
