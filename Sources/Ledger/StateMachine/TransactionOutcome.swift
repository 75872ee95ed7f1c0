/// What became of one transaction in a batch.
public enum TransactionOutcome: Sendable, Equatable {
    /// Applied in full.
    case applied
    /// Paid its fee and bumped its nonce, but had no other effect.
    case failed(TransactionFailure)
    /// Not applicable at all: no fee, no nonce, no effect.
    case rejected(TransactionRejection)

    /// A stable status word: `applied`, `failed` or `rejected`.
    public var status: String {
        switch self {
        case .applied: "applied"
        case .failed: "failed"
        case .rejected: "rejected"
        }
    }

    /// The reason code, empty for applied transactions.
    public var reasonCode: String {
        switch self {
        case .applied: ""
        case .failed(let failure): failure.code
        case .rejected(let rejection): rejection.code
        }
    }
}
