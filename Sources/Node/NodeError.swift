/// Why a node could not be set up, started or kept running; each message says what to do.
public enum NodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case configuration(String)
    case dataDirectory(String)
    /// The ledger could not be opened, read or written.
    case ledger(String)
    /// Listening or the event loop failed.
    case network(String)
    /// The stored signing state or lock is unreadable or could not be stored; a validator
    /// must not sign without it.
    case signingState(String)

    public var description: String {
        switch self {
        case .configuration(let detail): "configuration: \(detail)"
        case .dataDirectory(let detail): "data directory: \(detail)"
        case .ledger(let detail): "ledger: \(detail)"
        case .network(let detail): "network: \(detail)"
        case .signingState(let detail): "signing state: \(detail)"
        }
    }
}
