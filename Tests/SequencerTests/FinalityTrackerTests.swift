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

    static func attest(_ tracker: inout FinalityTracker, _ index: Int, _ attestation: Attestation) -> FinalityTracker.Outcome {
        let key = keys[index]
        return tracker.add(attestation, signer: key.publicKey,
                           signature: key.signature(for: attestation.signingBytes(chainID: chainID)))
    }

    @Test("a batch becomes final with the attestation that passes 2/3, and its certificate verifies")
    func finalizes() throws {
        var tracker = FinalityTracker(validators: Self.validators, finalizedHeight: 0)
        let attestation = Attestation(height: 1, slot: 1, batchHash: [UInt8](repeating: 1, count: 32))
        #expect(Self.attest(&tracker, 3, attestation) == .counted)
        #expect(Self.attest(&tracker, 0, attestation) == .counted)
        #expect(tracker.weight(height: 1, batchHash: attestation.batchHash) == 50)
        guard case .finalized(let certificate) = Self.attest(&tracker, 2, attestation) else {
            Issue.record("30 + 40 + 10 = 80 of 100 should finalize")
            return
        }
        #expect(certificate.verificationFailure(validators: Self.validators, chainID: Self.chainID) == nil)
        #expect(tracker.finalizedHeight == 1)
        #expect(Self.attest(&tracker, 1, attestation) == .ignored("height 1 is already final"))
    }

    @Test("double votes are counted and never added; repeats and outsiders are ignored")
    func conflicts() {
        var tracker = FinalityTracker(validators: Self.validators, finalizedHeight: 4)
        let first = Attestation(height: 5, slot: 9, batchHash: [UInt8](repeating: 1, count: 32))
        let second = Attestation(height: 5, slot: 10, batchHash: [UInt8](repeating: 2, count: 32))
        #expect(Self.attest(&tracker, 3, first) == .counted)
        #expect(Self.attest(&tracker, 3, first) == .ignored("already counted"))
        #expect(Self.attest(&tracker, 3, second) == .conflicting)
        #expect(tracker.conflictingCount == 1)
        #expect(tracker.weight(height: 5, batchHash: second.batchHash) == 0)
        let outsider = try! Ed25519PrivateKey(seed: [UInt8](repeating: 99, count: 32))
        let outcome = tracker.add(first, signer: outsider.publicKey, signature: [UInt8](repeating: 0, count: 64))
        #expect(outcome == .ignored("\(AccountAddress(publicKey: outsider.publicKey)) is not a validator"))
        let far = Attestation(height: 4 + FinalityTracker.heightWindow + 1, slot: 1, batchHash: first.batchHash)
        #expect(Self.attest(&tracker, 0, far) == .ignored("height \(far.height) is too far ahead"))
    }

    @Test("finalizing from a certificate seen elsewhere forgets lower heights")
    func externalFinality() {
        var tracker = FinalityTracker(validators: Self.validators, finalizedHeight: 0)
        let attestation = Attestation(height: 2, slot: 2, batchHash: [UInt8](repeating: 1, count: 32))
        #expect(Self.attest(&tracker, 3, attestation) == .counted)
        tracker.finalize(3)
        #expect(tracker.weight(height: 2, batchHash: attestation.batchHash) == 0)
        #expect(Self.attest(&tracker, 2, attestation) == .ignored("height 2 is already final"))
    }
}
