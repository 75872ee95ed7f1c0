import Identity
import Wire

/// Every way the Noise handshake or a Noise session can fail.
///
/// Input from the network never traps; it ends in one of these errors. After an error the
/// handshake or the receiving side of the session is finished and repeats the same error:
/// the connection must be closed.
public enum NoiseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A handshake frame announced a body longer than handshake messages may be.
    case handshakeFrameTooLarge(byteCount: Int, limit: Int)
    /// Handshake message `message` (1, 2 or 3) has a size the XX pattern does not allow.
    case handshakeMessageWrongSize(message: Int, byteCount: Int)
    /// The peer sent more bytes after handshake message `message`, before it could have any keys.
    case unexpectedDataAfterHandshakeMessage(message: Int, byteCount: Int)
    /// A transport frame is shorter than the 16-byte authentication tag.
    case frameTooShort(byteCount: Int)
    /// An encrypted handshake field or transport frame failed authentication.
    case decryptionFailed
    /// The peer's Diffie-Hellman public key has small order and gives an all-zero secret.
    case weakRemoteKey
    /// The handshake payload is not a valid NoiseHandshakePayload protobuf.
    case malformedPayload(WireError)
    /// The handshake payload carries an identity key of a type other than Ed25519.
    case unsupportedIdentityKeyType(LibP2PKeyType)
    /// The handshake payload carries an Ed25519 identity key of the wrong length.
    case invalidIdentityKey(byteCount: Int)
    /// The identity signature does not sign the peer's Noise static key with its identity key.
    case badIdentitySignature
    /// The peer proved an identity other than the one that was dialled.
    case peerIDMismatch(expected: PeerID, actual: PeerID)
    /// The cipher's 64-bit nonce is used up; the session must end.
    case nonceExhausted

    /// One sentence that says what went wrong.
    public var description: String {
        switch self {
        case let .handshakeFrameTooLarge(byteCount, limit):
            "A Noise handshake frame of \(byteCount) bytes exceeds the limit of \(limit) bytes."
        case let .handshakeMessageWrongSize(message, byteCount):
            "Noise handshake message \(message) has \(byteCount) bytes, which the XX pattern does not allow."
        case let .unexpectedDataAfterHandshakeMessage(message, byteCount):
            "The peer sent \(byteCount) unexpected bytes after Noise handshake message \(message)."
        case let .frameTooShort(byteCount):
            "A Noise transport frame of \(byteCount) bytes is shorter than its 16-byte authentication tag."
        case .decryptionFailed:
            "A Noise message failed authentication: it was altered, reordered or sealed with another key."
        case .weakRemoteKey:
            "The peer's Noise public key is weak: the key exchange produced an all-zero secret."
        case let .malformedPayload(error):
            "The Noise handshake payload is malformed: \(error)"
        case let .unsupportedIdentityKeyType(type):
            "The peer's identity key is of type \(type), but only Ed25519 identity keys are accepted."
        case let .invalidIdentityKey(byteCount):
            "The peer's Ed25519 identity key has \(byteCount) bytes instead of 32."
        case .badIdentitySignature:
            "The peer's identity signature does not match its identity key and Noise static key."
        case let .peerIDMismatch(expected, actual):
            "The peer proved the identity \(actual), but \(expected) was expected."
        case .nonceExhausted:
            "The Noise session has used all of its nonces and must be closed."
        }
    }
}
