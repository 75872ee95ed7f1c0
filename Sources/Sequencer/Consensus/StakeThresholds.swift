import Ledger

/// The two stake thresholds of Tendermint over a validator set, computed once: more than
/// 2/3 of the stake (2f + 1: a quorum) and more than 1/3 (f + 1: at least one honest
/// validator). Checking a weight is then one comparison.
struct StakeThresholds: Sendable {
    /// The largest weight that is not more than 2/3 of the total: ⌊2T/3⌋.
    let twoThirds: Amount
    /// The largest weight that is not more than 1/3 of the total: ⌊T/3⌋.
    let oneThird: Amount

    init(_ validators: ValidatorSet) {
        let (quotient, remainder) = validators.totalStake.quotientAndRemainder(dividingBy: 3)
        oneThird = quotient
        // ⌊2T/3⌋ = 2⌊T/3⌋ + ⌊2(T mod 3)/3⌋, with no intermediate above T.
        twoThirds = 2 * quotient + (remainder == 2 ? 1 : 0)
    }

    /// Whether `weight` is more than 2/3 of the stake (as ``ValidatorSet/isSupermajority(_:)``).
    func isSupermajority(_ weight: Amount) -> Bool { weight > twoThirds }

    /// Whether `weight` is more than 1/3 of the stake.
    func exceedsOneThird(_ weight: Amount) -> Bool { weight > oneThird }
}
