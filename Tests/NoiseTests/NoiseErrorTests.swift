import Identity
import Sodium
import Testing
import Wire

@testable import Noise

@Suite("NoiseError")
struct NoiseErrorTests {
    static let peer = IdentityKey(privateKey: try! Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: 32))).peerID
    static let other = IdentityKey(privateKey: try! Ed25519PrivateKey(seed: [UInt8](repeating: 2, count: 32))).peerID

    static let all: [NoiseError] = [
        .handshakeFrameTooLarge(byteCount: 70000, limit: 8288),
        .handshakeMessageWrongSize(message: 1, byteCount: 31),
        .unexpectedDataAfterHandshakeMessage(message: 2, byteCount: 5),
        .frameTooShort(byteCount: 3),
        .decryptionFailed,
        .weakRemoteKey,
        .malformedPayload(.missingField(1)),
        .unsupportedIdentityKeyType(.rsa),
        .invalidIdentityKey(byteCount: 31),
        .badIdentitySignature,
        .peerIDMismatch(expected: peer, actual: other),
        .nonceExhausted,
    ]

    @Test("every description is one sentence", arguments: all)
    func descriptionIsSentence(error: NoiseError) {
        let text = error.description
        #expect(text.first?.isUppercase == true)
        #expect(text.hasSuffix("."))
    }

    @Test("a peer id mismatch names both peer ids")
    func mismatchNamesPeers() {
        let text = NoiseError.peerIDMismatch(expected: Self.peer, actual: Self.other).description
        #expect(text.contains(Self.peer.description) && text.contains(Self.other.description))
    }
}
