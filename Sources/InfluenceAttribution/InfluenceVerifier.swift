import Attribution
import LoRATraining

/// Tier-2 verification: a validator that holds the adapter, the base model and the job's
/// gradient store(s) recomputes a receipt's influence attribution from the revealed prompt
/// and output and compares it within the method's tolerance.
public enum InfluenceVerifier {
    /// Checks a receipt's `method`, `attributionRoot` and `attribution` against a
    /// recomputation for `query`. Throws only for the validator's own setup (`attributor`
    /// and `objective` of different layouts, a failing engine); what the receipt or the
    /// revealed query got wrong is a verdict.
    public static func verify(method: String, attributionRoot: [UInt8], attribution: [AttributionWeight],
                              query: InfluenceQuery, attributor: InfluenceAttributor, objective: any TrainingObjective,
                              representatives: [[UInt8]: [UInt8]] = [:]) throws(InfluenceError) -> InfluenceVerification {
        guard method == attributor.parameters.method, InfluenceParameters(method: method) != nil else {
            return .wrongMethod(method)
        }
        guard attributionRoot == attributor.attributionRoot else {
            return .wrongStore(receiptRoot: attributionRoot, storeRoot: attributor.attributionRoot)
        }
        if let problem = malformation(of: attribution) { return .malformed(problem) }
        let expected: InfluenceResult
        do {
            expected = try attributor.attribute(query, objective: objective, representatives: representatives)
        } catch let error where error.kind == .invalidQuery || error.kind == .nonFiniteValue {
            return .unreproducible(error)
        }
        return compare(attribution, with: expected.weights, tolerancePPM: attributor.parameters.weightTolerancePPM)
    }

    /// Compares a well-formed receipt attribution with the recomputed one: `.confirmed` when
    /// both put the same contribution first (or both are empty) and every contribution's
    /// weights (0 where absent) differ by at most `tolerancePPM`; `.mismatch` otherwise.
    public static func compare(_ attribution: [AttributionWeight], with expected: [AttributionWeight],
                               tolerancePPM: UInt32) -> InfluenceVerification {
        var receiptWeights: [[UInt8]: UInt32] = [:]
        for entry in attribution { receiptWeights[entry.contributionID] = entry.weightPPM }
        var expectedWeights: [[UInt8]: UInt32] = [:]
        for entry in expected { expectedWeights[entry.contributionID] = entry.weightPPM }
        var seen = Set<[UInt8]>()
        var differences: [WeightDifference] = []
        for id in (attribution + expected).map(\.contributionID) where seen.insert(id).inserted {
            let difference = WeightDifference(contributionID: id, receiptPPM: receiptWeights[id] ?? 0,
                                              expectedPPM: expectedWeights[id] ?? 0)
            if difference.magnitudePPM > 0 { differences.append(difference) }
        }
        differences.sort {
            $0.magnitudePPM != $1.magnitudePPM ? $0.magnitudePPM > $1.magnitudePPM
                : $0.contributionID.lexicographicallyPrecedes($1.contributionID)
        }
        let topAgrees = attribution.first?.contributionID == expected.first?.contributionID
        let largest = differences.first?.magnitudePPM ?? 0
        guard topAgrees, largest <= tolerancePPM else {
            return .mismatch(expected: expected, differences: differences, topContributionAgrees: topAgrees)
        }
        return .confirmed(largestDifferencePPM: largest)
    }

    /// Why a receipt's attribution is not a valid one, or nil: duplicates, zero weights, a
    /// total other than 1,000,000, weights not in descending order.
    static func malformation(of attribution: [AttributionWeight]) -> String? {
        guard !attribution.isEmpty else { return nil }
        guard attribution.count <= InfluenceParameters.contributionCountLimit else {
            return "\(attribution.count) entries; at most \(InfluenceParameters.contributionCountLimit) are allowed"
        }
        guard Set(attribution.map(\.contributionID)).count == attribution.count else {
            return "a contribution is listed twice"
        }
        guard attribution.allSatisfy({ $0.weightPPM > 0 && $0.contributionID.count == 32 }) else {
            return "an entry has a zero weight or an id that is not 32 bytes"
        }
        let total = attribution.reduce(UInt64(0)) { $0 + UInt64($1.weightPPM) }
        guard total == PartsPerMillion.total else { return "the weights add up to \(total), not 1,000,000" }
        guard zip(attribution, attribution.dropFirst()).allSatisfy({ $0.weightPPM >= $1.weightPPM }) else {
            return "the weights are not in descending order"
        }
        return nil
    }
}
