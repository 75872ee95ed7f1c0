import Identity
import Sodium
import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("EquivocationEvidence")
struct EquivocationEvidenceTests {
    @Test("two signed headers for one slot travel as evidence and verify again")
    func realHeaders() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 4, count: 32))
        func header(_ stateByte: UInt8) -> BatchHeader {
            BatchHeader(height: 9, slot: 10, parentHash: TransactionSamples.hash(1), transactionsRoot: TransactionSamples.hash(2), stateRoot: TransactionSamples.hash(stateByte), time: 11)
        }
        let first = SignedMessage(signing: header(3), chainID: 5, with: key).envelopeBytes
        let second = SignedMessage(signing: header(4), chainID: 5, with: key).envelopeBytes
        let decoded = try TransactionSamples.roundTrip(.equivocationEvidence(EquivocationEvidence(first: first, second: second)))
        guard case .equivocationEvidence(let evidence) = decoded.kind else { Issue.record("not evidence"); return }
        #expect(try SignedMessage<BatchHeader>.verified(evidence.first, chainID: 5).body == header(3))
        #expect(try SignedMessage<BatchHeader>.verified(evidence.second, chainID: 5).body == header(4))
    }

    @Test("envelopes must be present and at most a header envelope's size", arguments: [
        (0, 10), (10, 0), (1153, 10), (10, 1153),
    ])
    func refused(firstCount: Int, secondCount: Int) {
        #expect(SignedMessage<BatchHeader>.envelopeByteCountMax == 1152)
        let evidence = EquivocationEvidence(first: [UInt8](repeating: 1, count: firstCount), second: [UInt8](repeating: 2, count: secondCount))
        #expect(throws: WireError.self) { try TransactionSamples.roundTrip(.equivocationEvidence(evidence)) }
    }

    @Test("envelopes of exactly the limit are accepted")
    func atLimit() throws {
        let evidence = EquivocationEvidence(first: [UInt8](repeating: 1, count: 1152), second: [UInt8](repeating: 2, count: 1152))
        #expect(try TransactionSamples.roundTrip(.equivocationEvidence(evidence)).kind == .equivocationEvidence(evidence))
    }
}
