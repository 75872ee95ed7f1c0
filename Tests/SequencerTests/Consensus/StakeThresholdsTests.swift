import Ledger
import Testing
import TestSupport
@testable import Sequencer

@Suite("StakeThresholds")
struct StakeThresholdsTests {
    @Test("agree with 3w > 2T and 3w > T for every weight of small totals")
    func exhaustive() {
        for total in 1...40 {
            let validators = ValidatorSet(members: [(ConsensusFixtures.addresses[0], Amount(total))])
            let thresholds = StakeThresholds(validators)
            for weight in 0...total {
                #expect(thresholds.isSupermajority(Amount(weight)) == (3 * weight > 2 * total), "\(weight) of \(total)")
                #expect(thresholds.exceedsOneThird(Amount(weight)) == (3 * weight > total), "\(weight) of \(total)")
            }
        }
    }

    @Test("agree with ValidatorSet.isSupermajority on token-sized stakes (seeded)")
    func tokenStakes() {
        var generator = SeededGenerator.make(for: "StakeThresholdsTests.tokenStakes")
        for _ in 0..<200 {
            let stakes = (0..<4).map { _ in Token.tokens(UInt64.random(in: 1...1_000_000_000, using: &generator)) + Amount(UInt64.random(in: 0...2, using: &generator)) }
            let validators = ValidatorSet(members: stakes.enumerated().map { (ConsensusFixtures.addresses[$0.offset], $0.element) })
            let thresholds = StakeThresholds(validators)
            for weight in [thresholds.twoThirds - 1, thresholds.twoThirds, thresholds.twoThirds + 1, validators.totalStake] {
                #expect(thresholds.isSupermajority(weight) == validators.isSupermajority(weight))
            }
        }
    }
}
