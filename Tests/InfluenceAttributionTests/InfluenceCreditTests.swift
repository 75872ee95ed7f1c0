import Attribution
import InfluenceAttribution
import Testing
import TestSupport

/// Positive-only credit, sums per document, near-duplicate clusters credited once, top-K, ppm.
@Suite("Influence credit")
struct InfluenceCreditTests {
    let a = SyntheticStores.contentHash(1), b = SyntheticStores.contentHash(2), c = SyntheticStores.contentHash(3)
    let d = SyntheticStores.contentHash(4)

    @Test("only positive examples earn, summed per document")
    func positiveOnly() {
        let scores = InfluenceCredit.contributionScores(exampleScores: [3, -5, 1, 0, 2, -1],
                                                        contentHashes: [a, a, b, c, a, d], representatives: [:])
        #expect(scores == [ContributionScore(contributionID: a, score: 5), ContributionScore(contributionID: b, score: 1)])
        let weights = InfluenceCredit.weights(for: scores, contributionCountMax: 16)
        #expect(weights == [AttributionWeight(contributionID: a, weightPPM: 833_333),
                            AttributionWeight(contributionID: b, weightPPM: 166_667)])
    }

    @Test("no helping example gives an empty attribution")
    func nothingHelps() {
        let scores = InfluenceCredit.contributionScores(exampleScores: [-1, 0], contentHashes: [a, b], representatives: [:])
        #expect(scores.isEmpty)
        #expect(InfluenceCredit.weights(for: scores, contributionCountMax: 4).isEmpty)
    }

    @Test("sybil copies are credited once, to the earliest member, with the cluster's best score")
    func nearDuplicates() {
        // b and c copy a (a is the earliest member); d stands alone.
        let representatives = [b: a, c: a]
        let scores = InfluenceCredit.contributionScores(exampleScores: [2, 4, 3, 1], contentHashes: [a, b, c, d],
                                                        representatives: representatives)
        #expect(scores == [ContributionScore(contributionID: a, score: 4), ContributionScore(contributionID: d, score: 1)])
        let weights = InfluenceCredit.weights(for: scores, contributionCountMax: 16)
        #expect(weights.map(\.weightPPM) == [800_000, 200_000])
    }

    @Test("top-K keeps the best, ties to the smaller content hash; the weights sum to one million",
          arguments: [1, 2, 3])
    func topK(count: Int) {
        let scores = InfluenceCredit.contributionScores(exampleScores: [1, 1, 5, 0.5], contentHashes: [c, b, a, d],
                                                        representatives: [:])
        #expect(scores.map(\.contributionID) == [a, b, c, d])
        let weights = InfluenceCredit.weights(for: scores, contributionCountMax: count)
        #expect(weights.map(\.contributionID) == Array([a, b, c].prefix(count)))
        #expect(weights.reduce(0) { $0 + Int($1.weightPPM) } == 1_000_000)
    }

    @Test("scores below 2⁻⁴⁰ of the best are dropped")
    func tinyScores() {
        let scores = InfluenceCredit.contributionScores(exampleScores: [1, 1e-13], contentHashes: [a, b], representatives: [:])
        #expect(InfluenceCredit.weights(for: scores, contributionCountMax: 16)
                == [AttributionWeight(contributionID: a, weightPPM: 1_000_000)])
    }
}
