import Testing
@testable import Ledger

@Suite("TransactionKind")
struct TransactionKindTests {
    @Test("names and field numbers follow docs/transactions.proto")
    func namesAndFieldNumbers() {
        #expect(TransactionKind.allNames == [
            "transfer", "stake", "unstake", "claim_vesting", "propose", "governance_vote",
            "create_datanet", "contribute", "curation_vote", "register_base_model", "training_result",
            "host_listing", "inference_receipt", "attribution_challenge", "challenge_vote", "equivocation_evidence",
        ])
        #expect(TransactionKind.allFieldNumbers == [10, 11, 12, 13, 14, 15, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50])
    }

    @Test("each sample's kind names itself and its field number", arguments: TransactionSamples.all)
    func sampleKinds(name: String, transaction: Transaction, encoding: String) {
        let kind = transaction.kind
        let index = TransactionKind.allNames.firstIndex(of: kind.name)
        #expect(index != nil)
        #expect(index.map { TransactionKind.allFieldNumbers[$0] } == kind.fieldNumber)
        #expect(name.hasPrefix(kind.name))
    }

    @Test("the kind's field is always written, even for an empty message")
    func emptyKindIsWritten() throws {
        let claim = Transaction(nonce: 0, fee: 0, expiry: 1, kind: .claimVesting(ClaimVesting(allocation: 0)))
        #expect(claim.canonicalBytes == [0x18, 0x01, 0x6a, 0x00])
        #expect(try Transaction.decodeCanonical(claim.canonicalBytes) == claim)
    }
}
