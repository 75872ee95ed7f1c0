/// Tier-1 verification: a peer that holds a Datanet version's span index recomputes a
/// receipt's span attribution from the revealed output and compares it exactly (same
/// contributions, same order, same weights, same root).
public enum SpanAttributionVerifier {
    /// Checks a receipt's `method`, `attributionRoot` and `attribution` against `output`.
    public static func verify(method: String, attributionRoot: [UInt8], attribution: [AttributionWeight],
                              output: [UInt32], index: SpanIndex,
                              parameters: SpanAttributionParameters = .version1) -> SpanVerification {
        guard method == SpanAttribution.method else { return .wrongMethod(method) }
        guard attributionRoot == index.root else { return .wrongIndex(receiptRoot: attributionRoot, indexRoot: index.root) }
        let expected = SpanAttribution.attribute(output, index: index, parameters: parameters).weights
        guard attribution != expected else { return .confirmed }
        let firstDifference = zip(attribution, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(attribution.count, expected.count)
        return .mismatch(expected: expected, firstDifference: firstDifference)
    }
}
