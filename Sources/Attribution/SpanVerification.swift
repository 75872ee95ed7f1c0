/// The outcome of checking a receipt's span attribution against a recomputation.
public enum SpanVerification: Equatable, Sendable, CustomStringConvertible {
    /// The receipt's attribution is exactly the recomputed one.
    case confirmed
    /// The receipt names another index (its `attribution_root` differs from this index's root).
    case wrongIndex(receiptRoot: [UInt8], indexRoot: [UInt8])
    /// The receipt names another method.
    case wrongMethod(String)
    /// The attribution differs; `expected` is the recomputed one, `firstDifference` the first
    /// entry position (or the shorter length) where they part.
    case mismatch(expected: [AttributionWeight], firstDifference: Int)

    /// Whether the receipt's attribution is confirmed.
    public var isConfirmed: Bool { self == .confirmed }

    public var description: String {
        switch self {
        case .confirmed:
            return "span attribution confirmed"
        case .wrongIndex:
            return "the receipt's attribution root is not this index's root"
        case .wrongMethod(let method):
            return "method \"\(method)\" is not \(SpanAttribution.method)"
        case .mismatch(let expected, let position):
            return "attribution differs from the recomputation at entry \(position); expected \(expected)"
        }
    }
}
