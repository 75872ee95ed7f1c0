/// Why a transaction cannot be included at all: it pays no fee, bumps no nonce and leaves
/// no trace. A batch that carries one is invalid (the sequencer checks before building).
public enum TransactionRejection: Error, Equatable, Sendable, CustomStringConvertible {
    /// The envelope or body is malformed or not canonical, the signature does not verify,
    /// or it was signed for another chain (which is the same failure to a verifier).
    case invalidEnvelope(String)
    case nonceMismatch(expected: UInt64, actual: UInt64)
    case expired(expiry: UInt64, time: UInt64)
    case feeBelowMinimum(minimum: Amount)
    case feeNotCovered

    public var code: String {
        switch self {
        case .invalidEnvelope: "invalid_envelope"
        case .nonceMismatch: "nonce_mismatch"
        case .expired: "expired"
        case .feeBelowMinimum: "fee_below_minimum"
        case .feeNotCovered: "fee_not_covered"
        }
    }

    public var description: String {
        switch self {
        case .invalidEnvelope(let detail): "invalid transaction envelope: \(detail)"
        case .nonceMismatch(let expected, let actual):
            actual < expected
                ? "nonce \(actual) was already used (next is \(expected)): a replay"
                : "nonce \(actual) leaves a gap (next is \(expected))"
        case .expired(let expiry, let time): "expired at \(expiry), batch time is \(time)"
        case .feeBelowMinimum(let minimum): "the fee is below the minimum of \(minimum) base units for this transaction"
        case .feeNotCovered: "the sender's balance does not cover the fee"
        }
    }
}
