import Identity
import Ledger
import Testing
@testable import Audit

/// The auditor's decisions as pure functions: `AuditComparison`.
@Suite struct AuditComparisonTests {
    static func id(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 32) }
    static func entries(_ pairs: [(UInt8, UInt32)]) -> [AttributionEntry] {
        pairs.map { AttributionEntry(contributionID: id($0.0), weightPPM: $0.1) }
    }
    static func receipt(method: String = "span/1", root: [UInt8] = id(0xAA), _ pairs: [(UInt8, UInt32)]) -> InferenceReceipt {
        InferenceReceipt(clientAuthorization: [1], datanetID: id(0xDD), adapterHash: id(0xAD), promptHash: id(0x01),
                         outputHash: id(0x02), tokensIn: 3, tokensOut: 4, fee: 5, method: method,
                         attribution: entries(pairs), attributionRoot: root)
    }
    static func address(_ byte: UInt8) -> AccountAddress { try! AccountAddress(bytes: [UInt8](repeating: byte, count: 20)) }

    // MARK: span/1

    @Test func spanAgreesOnlyWhenEverythingIsEqual() {
        let receipt = Self.receipt([(1, 600_000), (2, 400_000)])
        #expect(AuditComparison.span(receipt, recomputedRoot: Self.id(0xAA), recomputed: receipt.attribution)
                == .agrees(largestDifferencePPM: 0))
        #expect(AuditComparison.span(Self.receipt([]), recomputedRoot: Self.id(0xAA), recomputed: [])
                == .agrees(largestDifferencePPM: 0))
    }

    @Test(arguments: [
        [(1, 599_999), (2, 400_001)],  // one ppm moved
        [(2, 400_000), (1, 600_000)],  // the same credit in another order
        [(1, 1_000_000)],              // an entry dropped
        [(1, 600_000), (3, 400_000)],  // another contribution
    ] as [[(UInt8, UInt32)]])
    func spanDiffersOnAnyEntry(recomputed: [(UInt8, UInt32)]) throws {
        let receipt = Self.receipt([(1, 600_000), (2, 400_000)])
        let finding = AuditComparison.span(receipt, recomputedRoot: Self.id(0xAA), recomputed: Self.entries(recomputed))
        guard case .differs(let carried, _) = finding else { Issue.record("\(finding)"); return }
        #expect(carried == Self.entries(recomputed))
        #expect(finding.upholdsChallenge)
    }

    @Test func spanDiffersOnRootOrMethod() {
        let receipt = Self.receipt([(1, 1_000_000)])
        let otherRoot = AuditComparison.span(receipt, recomputedRoot: Self.id(0xAB), recomputed: receipt.attribution)
        #expect(otherRoot.verdict == "differs")
        let influence = Self.receipt(method: "influence/1", [(1, 1_000_000)])
        #expect(AuditComparison.span(influence, recomputedRoot: Self.id(0xAA), recomputed: influence.attribution).verdict == "differs")
    }

    // MARK: influence/1

    @Test func influenceAgreesWithinTheToleranceAndTheSameFirstContribution() {
        let receipt = Self.receipt(method: "influence/1", [(1, 600_000), (2, 398_000), (3, 2_000)])
        let close = Self.entries([(1, 601_000), (2, 399_000)])
        #expect(AuditComparison.influence(receipt, recomputedRoot: Self.id(0xAA), recomputed: close, tolerancePPM: 2_000)
                == .agrees(largestDifferencePPM: 2_000))
    }

    @Test func influenceDiffersBeyondTheToleranceOrOnTheFirstContribution() {
        let receipt = Self.receipt(method: "influence/1", [(1, 600_000), (2, 400_000)])
        let far = Self.entries([(1, 597_999), (2, 402_001)])
        #expect(AuditComparison.influence(receipt, recomputedRoot: Self.id(0xAA), recomputed: far, tolerancePPM: 2_000)
                .verdict == "differs")
        let swapped = Self.entries([(2, 500_001), (1, 499_999)])
        let receiptNearTie = Self.receipt(method: "influence/1", [(1, 500_001), (2, 499_999)])
        #expect(AuditComparison.influence(receiptNearTie, recomputedRoot: Self.id(0xAA), recomputed: swapped,
                                          tolerancePPM: 2_000).verdict == "differs")
        #expect(AuditComparison.influence(receipt, recomputedRoot: Self.id(0xAB), recomputed: receipt.attribution,
                                          tolerancePPM: 2_000).verdict == "differs")
        #expect(AuditComparison.influence(Self.receipt([(1, 600_000), (2, 400_000)]), recomputedRoot: Self.id(0xAA),
                                          recomputed: receipt.attribution, tolerancePPM: 2_000).verdict == "differs")
    }

    // MARK: Challenges and votes

    @Test func correctionIsTheRecomputationWhenTheLedgerWouldTakeIt() {
        let receipt = Self.receipt([(1, 600_000), (2, 400_000)])
        let recomputed = Self.entries([(2, 1_000_000)])
        #expect(AuditComparison.correction(for: .differs(recomputed: recomputed, reason: ""), receipt: receipt) == recomputed)
        #expect(AuditComparison.correction(for: .differs(recomputed: [], reason: ""), receipt: receipt) == [])
        #expect(AuditComparison.correction(for: .agrees(largestDifferencePPM: 0), receipt: receipt) == nil)
        // Only the root differs: the ledger refuses a correction equal to the receipt's.
        #expect(AuditComparison.correction(for: .differs(recomputed: receipt.attribution, reason: ""), receipt: receipt) == nil)
        // Credit that does not add up to 10⁶ is no valid attribution.
        #expect(AuditComparison.correction(for: .differs(recomputed: Self.entries([(2, 999_999)]), reason: ""),
                                           receipt: receipt) == nil)
    }

    @Test func aMissingRevealIsChallengedWithTheEmptyAttribution() {
        #expect(AuditComparison.correction(for: .revealMissing, receipt: Self.receipt([(1, 1_000_000)])) == [])
        #expect(AuditComparison.correction(for: .revealMissing, receipt: Self.receipt([])) == nil)
    }

    @Test func revealDeadlineIsTheGraceCappedAtHalfTheWindow() {
        #expect(AuditComparison.revealDeadline(receiptTime: 1_000, graceSeconds: 600, challengeWindowSeconds: 86_400) == 1_600)
        #expect(AuditComparison.revealDeadline(receiptTime: 1_000, graceSeconds: 600, challengeWindowSeconds: 60) == 1_030)
        #expect(AuditComparison.revealDeadline(receiptTime: .max - 5, graceSeconds: 600, challengeWindowSeconds: 86_400) == .max)
    }

    @Test func isBeforeLeavesTheMargin() {
        #expect(AuditComparison.isBefore(100, now: 89, marginSeconds: 10))
        #expect(!AuditComparison.isBefore(100, now: 90, marginSeconds: 10))
        #expect(!AuditComparison.isBefore(.max, now: .max, marginSeconds: 1))
    }

    @Test func onlyOtherValidatorsVoteOnce() {
        let (voter, host, challenger) = (Self.address(1), Self.address(2), Self.address(3))
        let stake = Token.tokens(10_000)
        #expect(AuditComparison.mayVote(voter, validatorStake: stake, stakeMin: stake, host: host, challenger: challenger, voters: []))
        #expect(!AuditComparison.mayVote(voter, validatorStake: stake - 1, stakeMin: stake, host: host, challenger: challenger,
                                         voters: []))
        #expect(!AuditComparison.mayVote(host, validatorStake: stake, stakeMin: stake, host: host, challenger: challenger, voters: []))
        #expect(!AuditComparison.mayVote(challenger, validatorStake: stake, stakeMin: stake, host: host, challenger: challenger,
                                         voters: []))
        #expect(!AuditComparison.mayVote(voter, validatorStake: stake, stakeMin: stake, host: host, challenger: challenger,
                                         voters: [voter]))
    }
}
