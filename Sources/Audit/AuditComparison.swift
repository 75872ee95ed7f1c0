import Attribution
import Identity
import InfluenceAttribution
import Ledger

/// The auditor's decisions as pure functions: comparing a receipt with a recomputation,
/// the correction a challenge carries, when a missing reveal counts as missing, and who may
/// vote on a challenge.
public enum AuditComparison {
    /// A receipt's span/1 attribution against the recomputation over the same datanet
    /// version's index: method, root and every entry (contribution, weight, order) equal.
    public static func span(_ receipt: InferenceReceipt, recomputedRoot: [UInt8],
                            recomputed: [AttributionEntry]) -> AuditFinding {
        guard receipt.method == SpanAttribution.method else {
            return .differs(recomputed: recomputed, reason: "the receipt names \(receipt.method), not span/1")
        }
        guard receipt.attributionRoot == recomputedRoot else {
            return .differs(recomputed: recomputed, reason: "the receipt's root is not the datanet version's span index root")
        }
        guard receipt.attribution == recomputed else {
            let first = zip(receipt.attribution, recomputed).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(receipt.attribution.count, recomputed.count)
            return .differs(recomputed: recomputed, reason: "span/1 attribution differs from entry \(first) on")
        }
        return .agrees(largestDifferencePPM: 0)
    }

    /// A receipt's influence/1 attribution against the recomputation with the job's store:
    /// method and root equal, the same first contribution, and every contribution's weight
    /// (0 where absent) within `tolerancePPM` (``InfluenceVerifier/compare(_:with:tolerancePPM:)``).
    public static func influence(_ receipt: InferenceReceipt, recomputedRoot: [UInt8], recomputed: [AttributionEntry],
                                 tolerancePPM: UInt32) -> AuditFinding {
        guard receipt.method == InfluenceParameters.version1.method else {
            return .differs(recomputed: recomputed, reason: "the receipt names \(receipt.method), not influence/1")
        }
        guard receipt.attributionRoot == recomputedRoot else {
            return .differs(recomputed: recomputed, reason: "the receipt's root is not the job's gradient store root")
        }
        let verification = InfluenceVerifier.compare(receipt.attribution.map(weight), with: recomputed.map(weight),
                                                     tolerancePPM: tolerancePPM)
        if case .confirmed(let largest) = verification { return .agrees(largestDifferencePPM: largest) }
        return .differs(recomputed: recomputed, reason: verification.description)
    }

    /// The correction a challenge of `receipt` carries for `finding`, or nil when there is
    /// none the ledger would take: agreement; a recomputation equal to the receipt's
    /// attribution (only the method or root differ) or not summing to 1,000,000; a missing
    /// reveal of a receipt that credits nobody. A missing reveal is challenged with the
    /// empty attribution (the ledger takes it: credit nobody).
    public static func correction(for finding: AuditFinding, receipt: InferenceReceipt) -> [AttributionEntry]? {
        switch finding {
        case .agrees:
            return nil
        case .revealMissing:
            return receipt.attribution.isEmpty ? nil : []
        case .differs(let recomputed, _):
            let total = recomputed.reduce(UInt64(0)) { $0 + UInt64($1.weightPPM) }
            guard recomputed != receipt.attribution, recomputed.isEmpty || total == 1_000_000 else { return nil }
            return recomputed
        }
    }

    /// When a reveal that has not arrived counts as missing: `graceSeconds` after the
    /// receipt's batch time, but never later than half the challenge window, so that a
    /// challenge still fits (saturating).
    public static func revealDeadline(receiptTime: UInt64, graceSeconds: UInt64, challengeWindowSeconds: UInt64) -> UInt64 {
        let (deadline, overflow) = receiptTime.addingReportingOverflow(min(graceSeconds, challengeWindowSeconds / 2))
        return overflow ? .max : deadline
    }

    /// Whether `now` plus `marginSeconds` is still before `end` (a transaction sent now
    /// lands in a batch before it).
    public static func isBefore(_ end: UInt64, now: UInt64, marginSeconds: UInt64) -> Bool {
        let (sent, overflow) = now.addingReportingOverflow(marginSeconds)
        return !overflow && sent < end
    }

    /// Whether `voter` may vote on a challenge as the ledger allows it: validator stake of at
    /// least `stakeMin`, neither the receipt's host nor the challenger, not voted yet.
    public static func mayVote(_ voter: AccountAddress, validatorStake: Amount, stakeMin: Amount, host: AccountAddress,
                               challenger: AccountAddress, voters: [AccountAddress]) -> Bool {
        validatorStake >= stakeMin && voter != host && voter != challenger && !voters.contains(voter)
    }

    static func weight(_ entry: AttributionEntry) -> AttributionWeight {
        AttributionWeight(contributionID: entry.contributionID, weightPPM: entry.weightPPM)
    }
}
