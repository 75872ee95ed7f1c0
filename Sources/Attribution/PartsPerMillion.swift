/// Integer normalisation of positive scores to parts per million summing to exactly 10⁶.
///
/// Each score s of total S gets ⌊s · 10⁶ / S⌋; the remaining R < n parts go one each to the
/// R entries with the largest remainders (s · 10⁶ mod S), ties to the earlier entry (the
/// largest-remainder method).
public enum PartsPerMillion {
    /// One million.
    public static let total: UInt64 = 1_000_000

    /// The parts of each score, in the scores' order, summing to 10⁶ (some may be zero: the
    /// caller drops those); empty when there are no scores. Every score must be positive and
    /// their sum must fit in a UInt64.
    public static func normalize(_ scores: [UInt64]) -> [UInt32] {
        guard !scores.isEmpty else { return [] }
        precondition(!scores.contains(0), "scores are positive")
        var sum: UInt64 = 0
        for score in scores {
            let (next, overflow) = sum.addingReportingOverflow(score)
            precondition(!overflow, "the scores' sum fits in 64 bits")
            sum = next
        }
        var parts: [UInt64] = []
        var remainders: [UInt64] = []
        for score in scores {
            let product = score.multipliedFullWidth(by: total)
            let (quotient, remainder) = sum.dividingFullWidth(product)
            parts.append(quotient)
            remainders.append(remainder)
        }
        let left = total - parts.reduce(0, +)
        let order = scores.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(Int(left)) { parts[index] += 1 }
        return parts.map { UInt32($0) }
    }
}
