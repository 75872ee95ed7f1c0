/// What went wrong when a cryptographic operation was given unusable input.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A symmetric or private key had the wrong number of bytes.
    case invalidKeyLength(expected: Int, actual: Int)
    /// A key was longer than the algorithm accepts.
    case keyTooLong(maximum: Int, actual: Int)
    /// A public key had the wrong number of bytes.
    case invalidPublicKeyLength(expected: Int, actual: Int)
    /// A seed had the wrong number of bytes.
    case invalidSeedLength(expected: Int, actual: Int)
    /// A nonce had the wrong number of bytes.
    case invalidNonceLength(expected: Int, actual: Int)
    /// A sealed message was forged, corrupted, too short, or opened with the wrong key, nonce or data.
    case authenticationFailed
    /// A Diffie-Hellman exchange produced the all-zero secret: the peer's public key has small order.
    case weakPublicKey
    /// More output was requested than the function can produce.
    case outputTooLong(requested: Int, maximum: Int)
    /// An output length outside the range the function supports was requested.
    case invalidOutputLength(requested: Int, allowed: ClosedRange<Int>)

    /// One sentence that says what went wrong.
    public var description: String {
        switch self {
        case let .invalidKeyLength(expected, actual):
            "The key has \(actual) bytes, but \(expected) are required."
        case let .keyTooLong(maximum, actual):
            "The key has \(actual) bytes, but at most \(maximum) are allowed."
        case let .invalidPublicKeyLength(expected, actual):
            "The public key has \(actual) bytes, but \(expected) are required."
        case let .invalidSeedLength(expected, actual):
            "The seed has \(actual) bytes, but \(expected) are required."
        case let .invalidNonceLength(expected, actual):
            "The nonce has \(actual) bytes, but \(expected) are required."
        case .authenticationFailed:
            "The message could not be authenticated: it was altered or the key, nonce or associated data is wrong."
        case .weakPublicKey:
            "The peer's public key is weak: the key exchange produced an all-zero shared secret."
        case let .outputTooLong(requested, maximum):
            "The output asked for has \(requested) bytes, but at most \(maximum) can be produced."
        case let .invalidOutputLength(requested, allowed):
            "The output asked for has \(requested) bytes, but its length must lie in \(allowed.lowerBound)...\(allowed.upperBound)."
        }
    }
}
