import Ledger
import Testing
@testable import Audit

/// What a recomputation says: `AuditFinding`.
@Suite struct AuditFindingTests {
    @Test func onlyAgreementDismisses() {
        #expect(!AuditFinding.agrees(largestDifferencePPM: 12).upholdsChallenge)
        #expect(AuditFinding.differs(recomputed: [], reason: "x").upholdsChallenge)
        #expect(AuditFinding.revealMissing.upholdsChallenge)
    }

    @Test func verdictWordsAndDescriptions() {
        #expect(AuditFinding.agrees(largestDifferencePPM: 0).verdict == "agrees")
        #expect(AuditFinding.differs(recomputed: [], reason: "why").verdict == "differs")
        #expect(AuditFinding.differs(recomputed: [], reason: "why").description == "why")
        #expect(AuditFinding.revealMissing.verdict == "reveal_missing")
    }
}
