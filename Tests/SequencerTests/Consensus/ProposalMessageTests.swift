import Ledger
import Testing
import TestSupport
import Wire
@testable import Sequencer

@Suite("ProposalMessage")
struct ProposalMessageTests {
    static let bench = ConsensusBench()

    static func reproposal() -> ProposalMessage {
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 2, transactions: Array(ConsensusFixtures.transactions.prefix(2)))
        let polka = [0, 1, 2].map { bench.vote($0, .prevote, height: 1, slot: 2, batch.hash) }
        return bench.proposal(batch, slot: 5, validSlot: 2, polka: polka)
    }

    @Test("a new proposal and a re-proposal with its polka round-trip and verify")
    func roundTrip() throws {
        let fresh = Self.bench.proposal(Self.bench.batch(on: ConsensusFixtures.executor(), slot: 3), slot: 3)
        for message in [fresh, Self.reproposal()] {
            let decoded = try ProposalMessage.decode(message.encoded, chainID: Self.bench.chainID)
            #expect(decoded.encoded == message.encoded)
            #expect(decoded.id == message.id)
            #expect(decoded.polkaVotes.map(\.body) == message.polkaVotes.map(\.body))
        }
    }

    @Test("refused: another chain, a batch the proposal does not name, polka votes that do not match")
    func refused() throws {
        let message = Self.reproposal()
        #expect(throws: ProposalMessageError.self) { try ProposalMessage.decode(message.encoded, chainID: Self.bench.chainID + 1) }
        let other = Self.bench.batch(on: ConsensusFixtures.executor(), slot: 4)
        var writer = ProtobufWriter()
        writer.writeBytes(message.proposal.envelopeBytes, field: 1)
        writer.writeBytes(other.encoded, field: 2)
        #expect(throws: ProposalMessageError.mismatch("the batch is not the one the proposal names")) {
            try ProposalMessage.decode(writer.bytes, chainID: Self.bench.chainID)
        }
        var wrongPolka = ProtobufWriter()
        wrongPolka.writeBytes(message.proposal.envelopeBytes, field: 1)
        wrongPolka.writeBytes(message.batch.encoded, field: 2)
        wrongPolka.writeBytes(Self.bench.vote(3, .precommit, height: 1, slot: 2, message.batch.hash).envelopeBytes, field: 3)
        #expect(throws: ProposalMessageError.self) { try ProposalMessage.decode(wrongPolka.bytes, chainID: Self.bench.chainID) }
    }

    @Test("random and mutated proposal messages never trap, and what decodes re-encodes to the same bytes (seeded)")
    func mutations() {
        var generator = SeededGenerator.make(for: "ProposalMessageTests.mutations")
        let valid = Self.reproposal().encoded
        for round in 0..<400 {
            let input = round % 4 == 0 ? generator.bytes(maximumCount: 256) : generator.mutate(valid)
            if let message = try? ProposalMessage.decode(input, chainID: Self.bench.chainID) {
                #expect(message.encoded == input)
            }
        }
    }
}
