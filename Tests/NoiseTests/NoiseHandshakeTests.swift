import Identity
import Sodium
import TestSupport
import Testing
import Wire

@testable import Noise

@Suite("NoiseHandshake")
struct NoiseHandshakeTests {
    // MARK: Two parties in one process

    @Test("an initiator and a responder complete the handshake and learn each other's peer ids")
    func twoPartyHandshake() throws {
        let (initiator, responder) = try NoiseTestHandshake.establish()
        #expect(initiator.remotePeerID == NoiseTestPeer.vectorResponder.peerID)
        #expect(responder.remotePeerID == NoiseTestPeer.vectorInitiator.peerID)
        let responderIdentity = IdentityKey(privateKey: NoiseTestPeer.vectorResponder.identityKey)
        #expect(initiator.remoteIdentityKey == responderIdentity.libp2pPublicKey)
        #expect(initiator.remoteStaticKey == NoiseTestPeer.vectorResponder.staticKey.publicKey)
        #expect(responder.remoteStaticKey == NoiseTestPeer.vectorInitiator.staticKey.publicKey)
        #expect(initiator.handshakeHash == responder.handshakeHash)
        #expect(initiator.remoteStreamMuxers.isEmpty && responder.remoteStreamMuxers.isEmpty)
        #expect(initiator.leftover.isEmpty && responder.leftover.isEmpty)
    }

    @Test("the handshake completes when every byte arrives on its own")
    func byteAtATime() throws {
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
        _ = responder.start()
        let message2 = try Self.deliverBytewise(initiator.start(), to: &responder)
        let message3 = try Self.deliverBytewise(message2.output, to: &initiator)
        let last = try Self.deliverBytewise(message3.output, to: &responder)
        #expect(message3.result?.remotePeerID == NoiseTestPeer.vectorResponder.peerID)
        #expect(last.result?.remotePeerID == NoiseTestPeer.vectorInitiator.peerID)
    }

    /// Feeds `bytes` one at a time; only the last byte may produce a step with output.
    private static func deliverBytewise(
        _ bytes: [UInt8],
        to handshake: inout NoiseHandshake
    ) throws -> NoiseHandshakeStep {
        for byte in bytes.dropLast() {
            let step = try handshake.receive([byte])
            #expect(step.output.isEmpty && step.result == nil)
        }
        return try handshake.receive(Array(bytes.suffix(1)))
    }

    @Test("transport bytes that arrive with message 3 come back as leftover")
    func leftoverAfterMessage3() throws {
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
        _ = responder.start()
        let message2 = try responder.receive(initiator.start())
        let message3 = try initiator.receive(message2.output)
        var initiatorResult = try #require(message3.result)
        let early = try initiatorResult.session.seal(Array("/multistream/1.0.0\n".utf8))
        let last = try responder.receive(message3.output + early)
        var responderResult = try #require(last.result)
        #expect(responderResult.leftover == early)
        #expect(try responderResult.session.open(responderResult.leftover) == Array("/multistream/1.0.0\n".utf8))
    }

    @Test("the responder sends nothing until message 1 is whole")
    func partialMessage1() throws {
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
        _ = responder.start()
        let message1 = hex(NoiseVectors.plain.message1)
        let step = try responder.receive(Array(message1.prefix(20)))
        #expect(step.output.isEmpty && step.result == nil)
        #expect(try responder.receive(Array(message1.dropFirst(20))).output == hex(NoiseVectors.plain.message2))
    }

    // MARK: Known answers from py-libp2p

    @Test("the initiator writes py-libp2p's messages 1 and 3 byte for byte", arguments: ["plain", "muxers"])
    func initiatorMatchesPyLibp2p(scenarioName: String) throws {
        let scenario = scenarioName == "plain" ? NoiseVectors.plain : NoiseVectors.muxers
        var initiator = NoiseTestPeer.vectorInitiator.handshake(
            .initiator, expecting: try PeerID(scenario.responderPeerID)
        )
        #expect(initiator.start() == hex(scenario.message1))
        let step = try initiator.receive(hex(scenario.message2))
        #expect(step.output == hex(scenario.message3))
        let result = try #require(step.result)
        #expect(result.remotePeerID.description == scenario.responderPeerID)
        let muxers = scenarioName == "plain" ? [] : NoiseVectors.responderStreamMuxers
        #expect(result.remoteStreamMuxers == muxers)
    }

    @Test("the responder writes py-libp2p's message 2 byte for byte and accepts its message 3")
    func responderMatchesPyLibp2p() throws {
        let scenario = NoiseVectors.plain
        var responder = NoiseTestPeer.vectorResponder.handshake(
            .responder, expecting: try PeerID(scenario.initiatorPeerID)
        )
        #expect(responder.start().isEmpty)
        #expect(try responder.receive(hex(scenario.message1)).output == hex(scenario.message2))
        let step = try responder.receive(hex(scenario.message3))
        #expect(step.output.isEmpty)
        #expect(step.result?.remotePeerID.description == scenario.initiatorPeerID)
    }

    @Test("the transport keys agree with py-libp2p's in both directions")
    func transportMatchesPyLibp2p() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        let scenario = NoiseVectors.plain
        #expect(try initiator.session.seal(hex(NoiseVectors.initiatorPlaintext)) == hex(scenario.initiatorTransport))
        #expect(try responder.session.seal(hex(NoiseVectors.responderPlaintext)) == hex(scenario.responderTransport))
        #expect(try responder.session.open(hex(scenario.initiatorTransport)) == hex(NoiseVectors.initiatorPlaintext))
        #expect(try initiator.session.open(hex(scenario.responderTransport)) == hex(NoiseVectors.responderPlaintext))
    }

    @Test("the nonce counter is little-endian, as py-libp2p's transport message with nonce 300 shows")
    func lateNonceMatchesPyLibp2p() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        initiator.session.sendingCipher.nonce = NoiseVectors.lateNonce
        responder.session.receivingCipher.nonce = NoiseVectors.lateNonce
        let late = hex(NoiseVectors.plain.initiatorLateTransport)
        #expect(try initiator.session.seal(hex(NoiseVectors.initiatorPlaintext)) == late)
        #expect(try responder.session.open(late) == hex(NoiseVectors.initiatorPlaintext))
    }

    // MARK: Faults

    @Test("an expected peer id that differs ends the initiator's handshake with peerIDMismatch")
    func initiatorPeerIDMismatch() throws {
        let other = IdentityKey(privateKey: try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))).peerID
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator, expecting: other)
        _ = initiator.start()
        let expected = NoiseError.peerIDMismatch(expected: other, actual: NoiseTestPeer.vectorResponder.peerID)
        #expect(throws: expected) { try initiator.receive(hex(NoiseVectors.plain.message2)) }
        #expect(throws: expected) { try initiator.receive([]) }
    }

    @Test("an expected peer id that differs ends the responder's handshake with peerIDMismatch")
    func responderPeerIDMismatch() throws {
        let other = NoiseTestPeer.vectorResponder.peerID
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder, expecting: other)
        _ = responder.start()
        _ = try responder.receive(hex(NoiseVectors.plain.message1))
        #expect(throws: NoiseError.peerIDMismatch(expected: other, actual: NoiseTestPeer.vectorInitiator.peerID)) {
            try responder.receive(hex(NoiseVectors.plain.message3))
        }
    }

    @Test("a signature over another static key is refused")
    func badIdentitySignature() throws {
        let responderKeys = NoiseTestPeer.vectorResponder
        let wrongStatic = try X25519PrivateKey(bytes: [UInt8](repeating: 7, count: 32)).publicKey
        let payload = NoiseHandshakePayload(identityKey: responderKeys.identityKey, staticKey: wrongStatic)
        #expect(throws: NoiseError.badIdentitySignature) { try Self.initiatorReceives(forgedPayload: payload.bytes) }
    }

    @Test("a corrupted signature is refused")
    func corruptedSignature() throws {
        var payload = NoiseHandshakePayload(
            identityKey: NoiseTestPeer.vectorResponder.identityKey,
            staticKey: NoiseTestPeer.vectorResponder.staticKey.publicKey
        )
        payload.identitySignature[10] ^= 0x01
        #expect(throws: NoiseError.badIdentitySignature) { try Self.initiatorReceives(forgedPayload: payload.bytes) }
    }

    @Test("identity keys other than Ed25519 are refused", arguments: [LibP2PKeyType.rsa, .secp256k1, .ecdsa])
    func unsupportedIdentityKeyType(type: LibP2PKeyType) throws {
        let key = LibP2PPublicKey(type: type, data: [UInt8](repeating: 2, count: 33))
        let signature = [UInt8](repeating: 1, count: 64)
        let payload = NoiseHandshakePayload(identityKey: key.protobufBytes, identitySignature: signature)
        #expect(throws: NoiseError.unsupportedIdentityKeyType(type)) {
            try Self.initiatorReceives(forgedPayload: payload.bytes)
        }
    }

    @Test("an Ed25519 identity key of the wrong length is refused")
    func invalidIdentityKey() throws {
        let key = LibP2PPublicKey(type: .ed25519, data: [UInt8](repeating: 2, count: 31))
        let signature = [UInt8](repeating: 1, count: 64)
        let payload = NoiseHandshakePayload(identityKey: key.protobufBytes, identitySignature: signature)
        #expect(throws: NoiseError.invalidIdentityKey(byteCount: 31)) {
            try Self.initiatorReceives(forgedPayload: payload.bytes)
        }
    }

    @Test("a payload that is not a NoiseHandshakePayload is refused")
    func malformedPayload() throws {
        #expect(throws: NoiseError.malformedPayload(.missingField(1))) { try Self.initiatorReceives(forgedPayload: []) }
        #expect(throws: NoiseError.malformedPayload(.truncated("varint"))) {
            try Self.initiatorReceives(forgedPayload: [0x0a])
        }
    }

    /// Has the vector responder answer message 1 with `forgedPayload`, and the initiator read it.
    private static func initiatorReceives(forgedPayload: [UInt8]) throws(NoiseError) {
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        var forger = NoiseTestPeer.vectorResponder.handshake(.responder)
        let message1 = initiator.start()
        try forger.readMessage1(Array(message1.dropFirst(2)))
        let message2 = NoiseFrameBuffer.frame(try forger.writeMessage2(payload: forgedPayload))
        _ = try initiator.receive(message2)
    }

    @Test("a tampered handshake message fails authentication", arguments: [40, 100, 199])
    func tamperedMessage2(index: Int) throws {
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        _ = initiator.start()
        var message2 = hex(NoiseVectors.plain.message2)
        message2[index] ^= 0x80
        #expect(throws: NoiseError.decryptionFailed) { try initiator.receive(message2) }
    }

    @Test("message 1 must be exactly one 32-byte key", arguments: [0, 31, 33, 64])
    func message1WrongSize(byteCount: Int) throws {
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
        _ = responder.start()
        let frame = NoiseFrameBuffer.frame([UInt8](repeating: 5, count: byteCount))
        let expected: NoiseError = byteCount > 32
            ? .handshakeFrameTooLarge(byteCount: byteCount, limit: 32)
            : .handshakeMessageWrongSize(message: 1, byteCount: byteCount)
        #expect(throws: expected) { try responder.receive(frame) }
    }

    @Test("messages 2 and 3 shorter than their keys and tags are refused")
    func shortMessages() throws {
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        _ = initiator.start()
        let message2 = hex(NoiseVectors.plain.message2).dropFirst(2)
        #expect(throws: NoiseError.handshakeMessageWrongSize(message: 2, byteCount: 95)) {
            try initiator.receive(NoiseFrameBuffer.frame(Array(message2.prefix(95))))
        }
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
        _ = responder.start()
        _ = try responder.receive(hex(NoiseVectors.plain.message1))
        #expect(throws: NoiseError.handshakeMessageWrongSize(message: 3, byteCount: 63)) {
            try responder.receive(NoiseFrameBuffer.frame([UInt8](repeating: 0, count: 63)))
        }
    }

    @Test("a truncated handshake frame waits for the rest and produces nothing")
    func truncatedFrame() throws {
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        _ = initiator.start()
        let message2 = hex(NoiseVectors.plain.message2)
        let step = try initiator.receive(Array(message2.dropLast()))
        #expect(step.output.isEmpty && step.result == nil)
        #expect(try initiator.receive(Array(message2.suffix(1))).output == hex(NoiseVectors.plain.message3))
    }

    @Test("a handshake frame announcing more than the limit is refused from its header")
    func oversizedFrame() throws {
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        _ = initiator.start()
        let limit = 32 + 48 + NoiseHandshake.payloadByteCountMax + 16
        #expect(throws: NoiseError.handshakeFrameTooLarge(byteCount: 0xffff, limit: limit)) {
            try initiator.receive([0xff, 0xff])
        }
    }

    @Test("bytes after message 1 or 2 are refused: the peer cannot have keys yet")
    func unexpectedData() throws {
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
        _ = responder.start()
        #expect(throws: NoiseError.unexpectedDataAfterHandshakeMessage(message: 1, byteCount: 3)) {
            try responder.receive(hex(NoiseVectors.plain.message1) + [1, 2, 3])
        }
        var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
        _ = initiator.start()
        #expect(throws: NoiseError.unexpectedDataAfterHandshakeMessage(message: 2, byteCount: 1)) {
            try initiator.receive(hex(NoiseVectors.plain.message2) + [0])
        }
    }

    @Test("a small-order ephemeral key is refused as weak")
    func weakRemoteKey() throws {
        var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
        _ = responder.start()
        #expect(throws: NoiseError.weakRemoteKey) {
            try responder.receive(NoiseFrameBuffer.frame([UInt8](repeating: 0, count: 32)))
        }
    }
}
