import Ledger
import Sodium
import Testing
@testable import Sequencer

@Suite("FinalityTracker")
struct FinalityTrackerTests {
    static let chainID: UInt64 = 3
    static let keys = (0..<4).map { try! Ed25519PrivateKey(seed: [UInt8](repeating: UInt8($0 + 40), count: 32)) }
    // Stakes 10, 20, 30, 40: more than 2/3 of 100 needs 67 or more.
    static let validators = ValidatorSet(members: keys.enumerated().map {
        (AccountAddress(publicKey: $0.element.publicKey), Amount(10 * ($0.offset + 1)))
    })

    static func precommit(height: UInt64, slot: UInt64, hash: UInt8) -> ConsensusVote {
        ConsensusVote(step: .precommit, height: height, slot: slot, batchHash: [UInt8](repeating: hash, count: 32))
    }

    static func attest(_ tracker: inout FinalityTracker, _ index: Int, _ vote: ConsensusVote) -> FinalityTracker.Outcome {
        let key = keys[index]
        return tracker.add(vote, signer: key.publicKey, signature: key.signature(for: vote.signingBytes(chainID: chainID)))
    }

    @Test("a batch becomes final with the precommit that passes 2/3, and its certificate verifies")
    func finalizes() throws {
        var tracker = FinalityTracker(validators: Self.validators, finalizedHeight: 0)
        let attestation = Self.precommit(height: 1, slot: 1, hash: 1)
        #expect(Self.attest(&tracker, 3, attestation) == .counted)
        #expect(Self.attest(&tracker, 0, attestation) == .counted)
        #expect(tracker.weight(height: 1, batchHash: attestation.batchHash!) == 50)
        guard case .finalized(let certificate) = Self.attest(&tracker, 2, attestation) else {
            Issue.record("30 + 40 + 10 = 80 of 100 should finalize")
            return
        }
        #expect(certificate.verificationFailure(validators: Self.validators, chainID: Self.chainID) == nil)
        #expect(tracker.finalizedHeight == 1)
        #expect(Self.attest(&tracker, 1, attestation) == .ignored("height 1 is already final"))
    }

    @Test("double votes in one slot are counted and never added; repeats, nil votes and outsiders are ignored")
    func conflicts() {
        var tracker = FinalityTracker(validators: Self.validators, finalizedHeight: 4)
        let first = Self.precommit(height: 5, slot: 9, hash: 1)
        let second = Self.precommit(height: 5, slot: 9, hash: 2)
        #expect(Self.attest(&tracker, 3, first) == .counted)
        #expect(Self.attest(&tracker, 3, first) == .ignored("already counted"))
        #expect(Self.attest(&tracker, 3, second) == .conflicting)
        #expect(tracker.conflictingCount == 1)
        #expect(tracker.weight(height: 5, batchHash: second.batchHash!) == 0)
        // A later round may precommit another batch: Tendermint unlocks on a newer polka.
        #expect(Self.attest(&tracker, 3, Self.precommit(height: 5, slot: 10, hash: 2)) == .counted)
        #expect(tracker.weight(height: 5, batchHash: second.batchHash!) == 40)
        let nilVote = ConsensusVote(step: .precommit, height: 5, slot: 9, batchHash: nil)
        #expect(Self.attest(&tracker, 2, nilVote) == .ignored("not a precommit for a batch"))
        let prevote = ConsensusVote(step: .prevote, height: 5, slot: 9, batchHash: first.batchHash)
        #expect(Self.attest(&tracker, 2, prevote) == .ignored("not a precommit for a batch"))
        let outsider = try! Ed25519PrivateKey(seed: [UInt8](repeating: 99, count: 32))
        let outcome = tracker.add(first, signer: outsider.publicKey, signature: [UInt8](repeating: 0, count: 64))
        #expect(outcome == .ignored("\(AccountAddress(publicKey: outsider.publicKey)) is not a validator"))
        let far = Self.precommit(height: 4 + FinalityTracker.heightWindow + 1, slot: 1, hash: 1)
        #expect(Self.attest(&tracker, 0, far) == .ignored("height \(far.height) is too far ahead"))
    }

    @Test("the slots tallied at one height are bounded")
    func slotBound() {
        var tracker = FinalityTracker(validators: Self.validators, finalizedHeight: 0)
        for slot in 1...UInt64(FinalityTracker.slotsPerHeightMax) {
            #expect(Self.attest(&tracker, 0, Self.precommit(height: 1, slot: slot, hash: 1)) == .counted)
        }
        let beyond = Self.precommit(height: 1, slot: UInt64(FinalityTracker.slotsPerHeightMax) + 1, hash: 1)
        #expect(Self.attest(&tracker, 0, beyond) == .ignored("too many slots at height 1"))
    }

    @Test("finalizing from a certificate seen elsewhere forgets lower heights")
    func externalFinality() {
        var tracker = FinalityTracker(validators: Self.validators, finalizedHeight: 0)
        let attestation = Self.precommit(height: 2, slot: 2, hash: 1)
        #expect(Self.attest(&tracker, 3, attestation) == .counted)
        tracker.finalize(3)
        #expect(tracker.weight(height: 2, batchHash: attestation.batchHash!) == 0)
        #expect(Self.attest(&tracker, 2, attestation) == .ignored("height 2 is already final"))
    }
}
