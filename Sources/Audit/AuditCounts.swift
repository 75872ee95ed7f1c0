/// What an ``AuditorService`` did since it was made.
public struct AuditCounts: Sendable, Equatable {
    /// Receipts recomputed by tier 1 (span/1).
    public var spanChecks = 0
    /// Receipts recomputed by tier 2 (influence/1).
    public var influenceChecks = 0
    /// Recomputations that agreed with the receipt.
    public var agreements = 0
    /// Recomputations that differed.
    public var disagreements = 0
    /// Receipts whose reveal did not arrive within the grace period.
    public var missingReveals = 0
    /// Challenges submitted and taken by the node's mempool.
    public var challenges = 0
    /// Votes to uphold submitted and taken.
    public var upholdVotes = 0
    /// Votes to dismiss submitted and taken.
    public var dismissVotes = 0
    /// Challenges and votes the mempool refused, or challenges the balance could not bond.
    public var refusedSubmissions = 0

    public init() {}
}
