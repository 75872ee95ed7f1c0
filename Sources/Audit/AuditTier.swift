/// Which check a receipt gets at a peer.
public enum AuditTier: String, Sendable, Hashable {
    /// span/1, recomputed exactly from the datanet version's span index.
    case span = "tier1"
    /// influence/1, recomputed with the job's gradient store and compared within tolerance.
    case influence = "tier2"
}
