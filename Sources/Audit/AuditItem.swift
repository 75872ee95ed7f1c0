/// A receipt the auditor still has work on: its own audit (tier 1 or 2), or a vote on a
/// challenge of it.
struct AuditItem: Sendable {
    enum Purpose: Sendable, Equatable {
        case audit(AuditTier)
        case vote(challengeID: [UInt8])
    }

    let receiptID: [UInt8]
    /// The height of the batch that brought it (the cursor does not pass it while it waits).
    let height: UInt64
    let purpose: Purpose
}
