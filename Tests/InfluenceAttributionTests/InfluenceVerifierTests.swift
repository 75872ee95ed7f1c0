import Attribution
import InfluenceAttribution
import Testing

/// Tier-2 comparison: the tolerance, the first contribution, malformed receipts. Whole
/// recomputations are checked in the planted-fact suite.
@Suite("Influence verifier comparison")
struct InfluenceVerifierTests {
    let a = SyntheticStores.contentHash(1), b = SyntheticStores.contentHash(2), c = SyntheticStores.contentHash(3)

    func weights(_ entries: [([UInt8], UInt32)]) -> [AttributionWeight] {
        entries.map { AttributionWeight(contributionID: $0.0, weightPPM: $0.1) }
    }

    @Test("weights within the tolerance with the same first contribution are confirmed")
    func withinTolerance() {
        let receipt = weights([(a, 600_000), (b, 399_000), (c, 1_000)])
        let expected = weights([(a, 601_500), (b, 398_500)])
        #expect(InfluenceVerifier.compare(receipt, with: expected, tolerancePPM: 2_000) == .confirmed(largestDifferencePPM: 1_500))
        #expect(InfluenceVerifier.compare(expected, with: expected, tolerancePPM: 0) == .confirmed(largestDifferencePPM: 0))
        #expect(InfluenceVerifier.compare([], with: [], tolerancePPM: 0).isConfirmed)
    }

    @Test("a weight beyond the tolerance is a mismatch listing the differences, largest first")
    func beyondTolerance() {
        let receipt = weights([(a, 600_000), (c, 400_000)])
        let expected = weights([(a, 597_000), (b, 403_000)])
        guard case .mismatch(let recomputed, let differences, let agrees) =
                InfluenceVerifier.compare(receipt, with: expected, tolerancePPM: 2_000) else {
            Issue.record("not a mismatch")
            return
        }
        #expect(recomputed == expected)
        #expect(agrees)
        #expect(differences.map(\.magnitudePPM) == [403_000, 400_000, 3_000])
        #expect(differences[0] == WeightDifference(contributionID: b, receiptPPM: 0, expectedPPM: 403_000))
    }

    @Test("another first contribution is a mismatch even within the tolerance")
    func topDiffers() {
        let receipt = weights([(b, 500_000), (a, 500_000)])
        let expected = weights([(a, 500_500), (b, 499_500)])
        guard case .mismatch(_, _, let agrees) = InfluenceVerifier.compare(receipt, with: expected, tolerancePPM: 2_000) else {
            Issue.record("not a mismatch")
            return
        }
        #expect(!agrees)
        #expect(!InfluenceVerifier.compare([], with: expected, tolerancePPM: 1_000_000).isConfirmed)
    }
}
