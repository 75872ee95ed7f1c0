import Ledger

/// What this node's recomputation says about a receipt.
public enum AuditFinding: Equatable, Sendable, CustomStringConvertible {
    /// The recomputation confirms the receipt: exactly for span/1 (`largestDifferencePPM`
    /// 0), within the tolerance and with the same first contribution for influence/1.
    case agrees(largestDifferencePPM: UInt32)
    /// The receipt differs from the recomputation; `recomputed` is this node's attribution
    /// (a challenge's correction) and `reason` says what differs.
    case differs(recomputed: [AttributionEntry], reason: String)
    /// The prompt or output was not revealed within the grace period.
    case revealMissing

    /// Whether a challenge of the receipt should be upheld: anything but agreement.
    public var upholdsChallenge: Bool {
        if case .agrees = self { return false }
        return true
    }

    /// The word a log line gives the verdict.
    public var verdict: String {
        switch self {
        case .agrees: "agrees"
        case .differs: "differs"
        case .revealMissing: "reveal_missing"
        }
    }

    public var description: String {
        switch self {
        case .agrees(let largest): "the recomputation agrees (largest weight difference \(largest) ppm)"
        case .differs(_, let reason): reason
        case .revealMissing: "the prompt or output was not revealed within the grace period"
        }
    }
}
