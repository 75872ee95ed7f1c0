/// Why a node could not be set up or started; each message says what to do.
public enum NodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case configuration(String)
    case dataDirectory(String)

    public var description: String {
        switch self {
        case .configuration(let detail): "configuration: \(detail)"
        case .dataDirectory(let detail): "data directory: \(detail)"
        }
    }
}
