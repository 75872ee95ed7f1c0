/// What span attribution found for one output: the spans kept, the weights for the receipt,
/// and the index they came from.
public struct SpanAttributionResult: Equatable, Sendable {
    /// The kept spans, heaviest first (ties: earlier start first).
    public let spans: [CreditedSpan]
    /// The receipt's attribution: contributions by descending score (ties: earlier
    /// document first), weights in parts per million summing to exactly 1,000,000, or empty
    /// when no span qualified.
    public let weights: [AttributionWeight]
    /// The index root, the receipt's `attribution_root`.
    public let indexRoot: [UInt8]

    /// The result with the given fields.
    public init(spans: [CreditedSpan], weights: [AttributionWeight], indexRoot: [UInt8]) {
        self.spans = spans
        self.weights = weights
        self.indexRoot = indexRoot
    }
}
