import Attribution

/// What influence attribution found for one answer: the receipt's weights and what they came
/// from.
public struct InfluenceResult: Equatable, Sendable {
    /// The receipt's method name.
    public let method: String
    /// The receipt's attribution root: the gradient store's Merkle root (DataInf), or
    /// SHA-256 of the stores' roots in step order (TracIn).
    public let attributionRoot: [UInt8]
    /// The receipt's attribution: contributions by descending score (ties: smaller content
    /// hash first), weights in parts per million summing to exactly 1,000,000, or empty when
    /// no example helped.
    public let weights: [AttributionWeight]
    /// Every credited contribution's score, best first (before the top-K cut).
    public let contributionScores: [ContributionScore]
    /// Every training example's score, in the store's record order (positive: it helped).
    public let exampleScores: [Double]

    /// The result with the given fields.
    public init(method: String, attributionRoot: [UInt8], weights: [AttributionWeight],
                contributionScores: [ContributionScore], exampleScores: [Double]) {
        self.method = method
        self.attributionRoot = attributionRoot
        self.weights = weights
        self.contributionScores = contributionScores
        self.exampleScores = exampleScores
    }
}
