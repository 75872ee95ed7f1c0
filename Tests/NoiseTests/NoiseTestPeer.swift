import Identity
import Noise
import Sodium
import TestSupport
import Testing

/// The three keys of one side of a test handshake.
struct NoiseTestPeer {
    let identityKey: Ed25519PrivateKey
    let staticKey: X25519PrivateKey
    let ephemeralKey: X25519PrivateKey

    /// The initiator of the py-libp2p vectors.
    static let vectorInitiator = NoiseTestPeer(
        identitySeed: NoiseVectors.initiatorIdentitySeed,
        staticKey: NoiseVectors.initiatorStatic,
        ephemeralKey: NoiseVectors.initiatorEphemeral
    )
    /// The responder of the py-libp2p vectors.
    static let vectorResponder = NoiseTestPeer(
        identitySeed: NoiseVectors.responderIdentitySeed,
        staticKey: NoiseVectors.responderStatic,
        ephemeralKey: NoiseVectors.responderEphemeral
    )

    init(identitySeed: String, staticKey: String, ephemeralKey: String) {
        identityKey = try! Ed25519PrivateKey(seed: hex(identitySeed))
        self.staticKey = try! X25519PrivateKey(bytes: hex(staticKey))
        self.ephemeralKey = try! X25519PrivateKey(bytes: hex(ephemeralKey))
    }

    /// A peer with keys drawn from `generator`.
    init(using generator: inout SeededGenerator) {
        identityKey = try! Ed25519PrivateKey(seed: generator.bytes(count: 32))
        staticKey = try! X25519PrivateKey(bytes: generator.bytes(count: 32))
        ephemeralKey = try! X25519PrivateKey(bytes: generator.bytes(count: 32))
    }

    /// The peer id of the identity key.
    var peerID: PeerID {
        IdentityKey(privateKey: identityKey).peerID
    }

    /// A handshake machine for this peer.
    func handshake(_ role: NoiseRole, expecting expected: PeerID? = nil) -> NoiseHandshake {
        NoiseHandshake(
            role: role, identityKey: identityKey, staticKey: staticKey,
            ephemeralKey: ephemeralKey, expectedRemotePeerID: expected
        )
    }
}

/// Steps an initiator and a responder to completion in one process.
enum NoiseTestHandshake {
    /// Runs the whole handshake, delivering every message in one piece.
    static func establish(
        initiator: NoiseTestPeer = .vectorInitiator,
        responder: NoiseTestPeer = .vectorResponder
    ) throws -> (initiator: NoiseHandshakeResult, responder: NoiseHandshakeResult) {
        var dialler = initiator.handshake(.initiator, expecting: responder.peerID)
        var listener = responder.handshake(.responder)
        #expect(listener.start().isEmpty)
        let message2 = try listener.receive(dialler.start())
        let message3 = try dialler.receive(message2.output)
        let last = try listener.receive(message3.output)
        #expect(message2.result == nil)
        #expect(last.output.isEmpty)
        return (try #require(message3.result), try #require(last.result))
    }
}
