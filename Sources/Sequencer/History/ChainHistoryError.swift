/// Why a chain history file could not be read or replayed.
public enum ChainHistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case otherChain(String)
    case invalid(height: UInt64, String)

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed history file: \(detail)"
        case .otherChain(let detail): "the history belongs to another chain: \(detail)"
        case .invalid(let height, let detail): "batch \(height) of the history is invalid: \(detail)"
        }
    }
}
