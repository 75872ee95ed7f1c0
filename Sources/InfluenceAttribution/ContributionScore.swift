/// One contribution's influence score before normalisation: the sum of its examples' positive
/// scores (the largest such sum in its near-duplicate cluster, credited to the cluster's
/// earliest member).
public struct ContributionScore: Equatable, Hashable, Sendable {
    /// The credited contribution's 32-byte content hash.
    public let contributionID: [UInt8]
    /// Its score, above zero.
    public let score: Double

    /// The score with the given fields.
    public init(contributionID: [UInt8], score: Double) {
        self.contributionID = contributionID
        self.score = score
    }
}
