import Identity
import Multistream
import Sodium
@testable import Noise
@testable import P2P

/// A dialer written by hand, message by message, that can send a Noise handshake message 3
/// a correct initiator never would: a payload of its choice, or a message altered after
/// sealing. It negotiates /noise and sends message 1 in one write.
struct RogueInitiator {
    /// Why the listener's answer could not be read.
    enum AnswerError: Error {
        case noNegotiation
        case incompleteMessage2
    }

    let identity: IdentityKey
    let staticKey = X25519PrivateKey()
    private var negotiation = MultistreamNegotiation.dialer(proposing: [ProtocolID.noise])
    private var handshake: NoiseHandshake

    init(identity: IdentityKey = IdentityKey()) {
        self.identity = identity
        handshake = NoiseHandshake(
            role: .initiator, identityKey: identity.privateKey, staticKey: staticKey, ephemeralKey: X25519PrivateKey())
    }

    /// The first write: the multistream header, the /noise proposal and message 1.
    mutating func start() -> [UInt8] {
        negotiation.start() + handshake.start()
    }

    /// Reads the listener's answer (multistream agreement and message 2) and returns the
    /// framed message 3 carrying `payload`, passed through `alter` after sealing.
    mutating func message3(
        answering answer: [UInt8], payload: NoiseHandshakePayload, alter: ([UInt8]) -> [UInt8] = { $0 }
    ) throws -> [UInt8] {
        guard case .negotiated(_, let leftover) = try negotiation.receive(answer).outcome else {
            throw AnswerError.noNegotiation
        }
        guard leftover.count >= 2 else { throw AnswerError.incompleteMessage2 }
        let length = Int(leftover[0]) << 8 | Int(leftover[1])
        guard leftover.count == 2 + length else { throw AnswerError.incompleteMessage2 }
        _ = try handshake.readMessage2(Array(leftover[2...]))
        let body = alter(try handshake.writeMessage3(payload: payload.bytes))
        return NoiseFrameBuffer.frame(body)
    }

    /// The payload a correct initiator sends: its identity key signing its static key.
    var honestPayload: NoiseHandshakePayload {
        NoiseHandshakePayload(identityKey: identity.privateKey, staticKey: staticKey.publicKey)
    }

    /// A payload whose signature is genuine but signs another static key than the one used.
    var forgedPayload: NoiseHandshakePayload {
        NoiseHandshakePayload(identityKey: identity.privateKey, staticKey: X25519PrivateKey().publicKey)
    }
}
