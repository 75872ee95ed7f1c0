import Attribution

/// The parameters of influence attribution. A receipt's method name fixes them:
/// "influence/1" is ``version1`` (DataInf), "influence-tracin/1" is ``tracInVersion1``; any
/// change is a new method name.
public struct InfluenceParameters: Equatable, Hashable, Sendable {
    /// How a training example's influence on the query is estimated.
    public enum Estimator: String, Equatable, Hashable, Sendable {
        /// DataInf on one gradient store: the query gradient through DataInf's closed-form
        /// inverse of each segment's damped Gauss–Newton matrix, dotted with the example's.
        case dataInf
        /// TracIn over checkpoints: Σ_c η_c · g_k(θ_c) · v(θ_c).
        case tracIn
    }

    /// The estimator.
    public let estimator: Estimator
    /// DataInf's damping: λ_l = dampingScale · mean over examples of the mean squared value
    /// of segment l (Kwon et al. use 0.1).
    public let dampingScale: Double
    /// The most contributions in an attribution (top-K).
    public let contributionCountMax: Int
    /// Only the last this-many prompt tokens condition the output (the nearest context).
    public let promptTokenCountMax: Int
    /// Only the first this-many output tokens are attributed.
    public let outputTokenCountMax: Int
    /// Tier-2 tolerance: a recomputed attribution confirms a receipt when the same contribution
    /// is first in both and every contribution's weight differs by at most this many parts per
    /// million (a contribution missing on one side weighs 0 there).
    ///
    /// Why a tolerance: the query gradient comes from the training engine, whose sums are
    /// deterministic for one build (the tests and the benchmark see 0 ppm between one and two
    /// threads) but may round differently under another BLAS build or CPU kernel; a level of
    /// the quantized query can then differ by one (about 3·10⁻⁵ of the segment's largest
    /// value), which moves weights by a few ppm and can swap contributions of nearly equal
    /// score at the top-K cut. 2,000 ppm (0.2 %) is far above that noise and bounds what a
    /// host can shift to a contribution of its choosing: at most 0.2 % of the fee per entry,
    /// never the first place.
    public let weightTolerancePPM: UInt32

    /// Scores are scaled to integers as ⌊s / s_max · 2^scoreBits⌋ before PartsPerMillion.
    public static let scoreBits = 40
    /// The largest ``contributionCountMax``: what a ledger receipt's attribution may hold.
    public static let contributionCountLimit = SpanAttributionParameters.contributionCountLimit
    /// The largest token limits.
    public static let tokenCountLimit = 1 << 14

    /// influence/1: DataInf with damping 0.1, top 16 contributions, the last 1,024 prompt
    /// tokens and the first 512 output tokens, a tolerance of 2,000 ppm.
    public static let version1 = InfluenceParameters(
        estimator: .dataInf, dampingScale: 0.1, contributionCountMax: 16, promptTokenCountMax: 1_024,
        outputTokenCountMax: 512, weightTolerancePPM: 2_000)

    /// influence-tracin/1: TracIn with the same limits and tolerance as ``version1``.
    public static let tracInVersion1 = InfluenceParameters(
        estimator: .tracIn, dampingScale: 0.1, contributionCountMax: 16, promptTokenCountMax: 1_024,
        outputTokenCountMax: 512, weightTolerancePPM: 2_000)

    /// Parameters with the given fields, each within its limit (programmer error otherwise).
    public init(estimator: Estimator, dampingScale: Double, contributionCountMax: Int, promptTokenCountMax: Int,
                outputTokenCountMax: Int, weightTolerancePPM: UInt32) {
        precondition(dampingScale.isFinite && dampingScale > 0, "the damping scale is positive")
        precondition((1...Self.contributionCountLimit).contains(contributionCountMax), "contribution count out of range")
        precondition((0...Self.tokenCountLimit).contains(promptTokenCountMax), "prompt length out of range")
        precondition((1...Self.tokenCountLimit).contains(outputTokenCountMax), "output length out of range")
        precondition(weightTolerancePPM <= 1_000_000, "a tolerance is at most one million ppm")
        self.estimator = estimator
        self.dampingScale = dampingScale
        self.contributionCountMax = contributionCountMax
        self.promptTokenCountMax = promptTokenCountMax
        self.outputTokenCountMax = outputTokenCountMax
        self.weightTolerancePPM = weightTolerancePPM
    }

    /// The longest sequence a query makes (prompt and output): the gradient engine's
    /// `sequenceLengthMaximum` must be at least this for every query to be evaluated.
    public var sequenceTokenCountMax: Int { promptTokenCountMax + outputTokenCountMax }

    /// The parameters a receipt's method name stands for; nil for an unknown name.
    public init?(method: String) {
        switch method {
        case InfluenceAttribution.dataInfMethod: self = .version1
        case InfluenceAttribution.tracInMethod: self = .tracInVersion1
        default: return nil
        }
    }

    /// The method name receipts carry for these parameters: a standard version's name, or
    /// the estimator's name with "-custom" for anything else (never accepted from a receipt).
    public var method: String {
        if self == .version1 { return InfluenceAttribution.dataInfMethod }
        if self == .tracInVersion1 { return InfluenceAttribution.tracInMethod }
        return "influence-\(estimator.rawValue)-custom"
    }
}
