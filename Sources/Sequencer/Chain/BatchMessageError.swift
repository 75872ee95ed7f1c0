/// Why a gossiped batch was refused before it reached the ledger.
public enum BatchMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLarge(Int)
    case malformed(String)
    case invalidHeader(String)
    case invalidTransaction(index: Int, String)

    public var description: String {
        switch self {
        case .tooLarge(let count): "a batch message of \(count) bytes exceeds \(BatchMessage.byteCountMax)"
        case .malformed(let detail): "malformed batch message: \(detail)"
        case .invalidHeader(let detail): "the batch header does not verify: \(detail)"
        case .invalidTransaction(let index, let detail): "transaction \(index) of the batch does not verify: \(detail)"
        }
    }
}
