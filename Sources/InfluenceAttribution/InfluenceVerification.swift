import Attribution

/// The outcome of checking a receipt's influence attribution against a recomputation (tier 2:
/// within ``InfluenceParameters/weightTolerancePPM``). Anything but `.confirmed` is grounds
/// for an AttributionChallenge.
public enum InfluenceVerification: Equatable, Sendable, CustomStringConvertible {
    /// The same contribution is first in both, and every weight is within the tolerance;
    /// `largestDifferencePPM` is the largest difference seen.
    case confirmed(largestDifferencePPM: UInt32)
    /// The receipt names a method this verifier does not compute.
    case wrongMethod(String)
    /// The receipt's attribution root is not the attributor's (another store or job).
    case wrongStore(receiptRoot: [UInt8], storeRoot: [UInt8])
    /// The revealed prompt and output cannot be evaluated (no output token, a token outside
    /// the vocabulary, too long for the method's limits): the receipt cannot be reproduced.
    case unreproducible(InfluenceError)
    /// The receipt lists a contribution twice, or a zero weight, or weights that do not add
    /// up to 1,000,000.
    case malformed(String)
    /// The weights differ beyond the tolerance, or the first contribution differs. `expected`
    /// is the recomputed attribution, `differences` every contribution whose weights differ
    /// (largest first), `topContributionAgrees` whether both put the same one first.
    case mismatch(expected: [AttributionWeight], differences: [WeightDifference], topContributionAgrees: Bool)

    /// Whether the receipt's attribution is confirmed.
    public var isConfirmed: Bool {
        if case .confirmed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .confirmed(let largest):
            return "influence attribution confirmed (largest weight difference \(largest) ppm)"
        case .wrongMethod(let method):
            return "method \"\(method)\" is not an influence method this verifier computes"
        case .wrongStore:
            return "the receipt's attribution root is not this gradient store's root"
        case .unreproducible(let error):
            return "the revealed query cannot be evaluated: \(error.message)"
        case .malformed(let reason):
            return "the receipt's attribution is malformed: \(reason)"
        case .mismatch(_, let differences, let agrees):
            let largest = differences.first.map { "\($0.magnitudePPM) ppm" } ?? "none"
            return "attribution differs from the recomputation (largest difference \(largest)"
                + (agrees ? ")" : ", and the first contribution differs)")
        }
    }
}
