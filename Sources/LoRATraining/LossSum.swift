/// A sum of per-token cross-entropy losses and how many tokens it covers, so that sums over
/// micro-batches and sequences combine exactly before one division.
public struct LossSum: Sendable, Equatable {
    /// Σ −log p(target), in nats.
    public var total: Double
    /// The number of target tokens in `total`.
    public var targetCount: Int

    /// A sum.
    public init(total: Double = 0, targetCount: Int = 0) {
        self.total = total
        self.targetCount = targetCount
    }

    /// The mean loss per target token; nil when no token was a target.
    public var mean: Double? { targetCount > 0 ? total / Double(targetCount) : nil }

    /// Both sums added.
    public static func + (left: LossSum, right: LossSum) -> LossSum {
        LossSum(total: left.total + right.total, targetCount: left.targetCount + right.targetCount)
    }

    /// Adds `right` to `left`.
    public static func += (left: inout LossSum, right: LossSum) {
        left = left + right
    }
}
