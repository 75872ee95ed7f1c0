/// Failures of the ledger as a whole (not of one transaction): storage, genesis and
/// batches that cannot apply. Each message says what an operator can do.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    case storage(String)
    case corruptState(String)
    case invalidGenesis(String)
    case genesisMismatch(String)
    case invalidBatch(String)
    case notInitialized

    public var description: String {
        switch self {
        case .storage(let detail): "ledger storage failed: \(detail)"
        case .corruptState(let detail):
            "the ledger database is damaged (\(detail)); remove chain.sqlite and sync again"
        case .invalidGenesis(let detail): "invalid genesis: \(detail)"
        case .genesisMismatch(let detail): "this database belongs to another chain: \(detail)"
        case .invalidBatch(let detail): "batch refused: \(detail)"
        case .notInitialized: "the ledger has no genesis yet: run `oln genesis` and start from its file"
        }
    }
}
