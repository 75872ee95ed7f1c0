/// Why a key file could not be read or written. Each description says what to do.
public enum KeyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(path: String)
    case alreadyExists(path: String)
    case readableByOthers(path: String, mode: UInt32)
    case notRegularFile(path: String)
    case tooLarge(path: String, byteCount: Int, limit: Int)
    case system(path: String, operation: String, message: String)
    case malformed(String)
    case invalidKey(IdentityError)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "no key file at \(path); create one with: oln keys generate --out \(path)"
        case .alreadyExists(let path):
            return "\(path) already exists; refusing to overwrite a key (pass --force to replace it)"
        case .readableByOthers(let path, let mode):
            return "key file \(path) has mode \(String(mode, radix: 8)) and can be read by other users; "
                + "refusing to use it. Fix with: chmod 600 \(path)"
        case .notRegularFile(let path):
            return "\(path) is not a regular file"
        case .tooLarge(let path, let byteCount, let limit):
            return "\(path) has \(byteCount) bytes; a key file has at most \(limit)"
        case .system(let path, let operation, let message):
            return "cannot \(operation) \(path): \(message)"
        case .malformed(let reason):
            return "not an oln key file: \(reason)"
        case .invalidKey(let error):
            return "the key file holds an invalid key: \(error)"
        }
    }
}
