import Identity
import Sodium
import Wire

/// The libp2p Noise handshake, `Noise_XX_25519_ChaChaPoly_SHA256`, as a sans-IO machine.
///
/// The caller passes in all keys, the ephemeral one included, calls ``start()`` once and
/// sends what it returns, then feeds every received byte to ``receive(_:)`` and sends each
/// step's output, until a step carries a ``NoiseHandshakeResult``.
///
/// ```swift
/// var handshake = NoiseHandshake(role: .initiator, identityKey: identity, staticKey: staticKey,
///                                ephemeralKey: X25519PrivateKey(), expectedRemotePeerID: dialled)
/// send(handshake.start())
/// while true {
///     let step = try handshake.receive(await read())
///     send(step.output)
///     if let result = step.result { return result }
/// }
/// ```
///
/// Message 1 must be exactly the 32-byte ephemeral key: payloads travel only in messages 2
/// and 3. Bytes after message 1 or 2 are refused, since the peer cannot have keys yet; bytes
/// after message 3 are the first transport bytes and come back as the result's `leftover`.
/// After an error the handshake is finished and every later `receive` repeats the error.
public struct NoiseHandshake: Sendable {
    /// The largest handshake payload accepted, in bytes.
    public static let payloadByteCountMax = NoiseHandshakePayload.byteCountMax

    private enum Stage: Sendable {
        case notStarted
        case awaitingMessage(Int)
        case complete
        case failed(NoiseError)
    }

    /// Which side this machine plays.
    public let role: NoiseRole
    /// The peer id the peer must prove, if the caller knows it.
    public let expectedRemotePeerID: PeerID?
    let identityKey: Ed25519PrivateKey
    let staticKey: X25519PrivateKey
    let ephemeralKey: X25519PrivateKey
    var symmetricState = NoiseSymmetricState(protocolName: Array(NoiseProtocol.name.utf8))
    var remoteEphemeralKey: X25519PublicKey?
    private var buffer = NoiseFrameBuffer()
    private var stage = Stage.notStarted

    /// A handshake for `role` that proves `identityKey` and binds it to `staticKey`.
    ///
    /// - Parameters:
    ///   - ephemeralKey: a fresh key from a secure random source, never used again.
    ///   - expectedRemotePeerID: the peer id the peer must prove, such as the `/p2p/` part of
    ///     a dialled address; nil accepts any authenticated peer.
    public init(
        role: NoiseRole,
        identityKey: Ed25519PrivateKey,
        staticKey: X25519PrivateKey,
        ephemeralKey: X25519PrivateKey,
        expectedRemotePeerID: PeerID? = nil
    ) {
        self.role = role
        self.identityKey = identityKey
        self.staticKey = staticKey
        self.ephemeralKey = ephemeralKey
        self.expectedRemotePeerID = expectedRemotePeerID
        symmetricState.mixHash([UInt8]())  // the empty prologue
    }

    /// Starts the handshake: the initiator's framed message 1, or nothing for the responder.
    ///
    /// Call it exactly once, before ``receive(_:)``.
    public mutating func start() -> [UInt8] {
        guard case .notStarted = stage else { preconditionFailure("NoiseHandshake.start() was called twice") }
        switch role {
        case .initiator:
            stage = .awaitingMessage(2)
            return NoiseFrameBuffer.frame(writeMessage1())
        case .responder:
            stage = .awaitingMessage(1)
            return []
        }
    }

    /// Takes the next fragment of the incoming stream and advances the handshake as far as
    /// the bytes received so far allow.
    ///
    /// - Throws: a `NoiseError` when the peer's messages are malformed, fail authentication,
    ///   or prove an unacceptable identity; the connection must then be closed.
    public mutating func receive(_ bytes: [UInt8]) throws(NoiseError) -> NoiseHandshakeStep {
        switch stage {
        case .notStarted: preconditionFailure("NoiseHandshake.receive(_:) was called before start()")
        case .complete: preconditionFailure("NoiseHandshake.receive(_:) was called after the handshake completed")
        case .failed(let error): throw error
        case .awaitingMessage(let message):
            do {
                buffer.append(bytes)
                return try advance(awaiting: message)
            } catch {
                stage = .failed(error)
                throw error
            }
        }
    }

    /// Handles message `message` if it has fully arrived.
    private mutating func advance(awaiting message: Int) throws(NoiseError) -> NoiseHandshakeStep {
        let limit = Self.messageByteCountMax(message)
        guard let body = try buffer.nextFrame(bodyByteCountMax: limit, failure: { length in
            .handshakeFrameTooLarge(byteCount: length, limit: limit)
        }) else {
            return NoiseHandshakeStep(output: [], result: nil)
        }
        switch message {
        case 1:
            try readMessage1(body)
            try refuseExtraBytes(after: 1)
            stage = .awaitingMessage(3)
            let output = NoiseFrameBuffer.frame(try writeMessage2(payload: localPayload()))
            return NoiseHandshakeStep(output: output, result: nil)
        case 2:
            let remote = try readMessage2(body)
            try refuseExtraBytes(after: 2)
            let output = NoiseFrameBuffer.frame(try writeMessage3(payload: localPayload()))
            return NoiseHandshakeStep(output: output, result: complete(remote))
        default:
            let remote = try readMessage3(body)
            return NoiseHandshakeStep(output: [], result: complete(remote))
        }
    }

    /// The largest body message `message` can have with a payload of at most the limit.
    private static func messageByteCountMax(_ message: Int) -> Int {
        let key = NoiseProtocol.publicKeyByteCount, tag = NoiseProtocol.tagByteCount
        switch message {
        case 1: return key
        case 2: return key + (key + tag) + (payloadByteCountMax + tag)
        default: return (key + tag) + (payloadByteCountMax + tag)
        }
    }

    /// Throws if bytes follow message `message`, which the peer sent before it could have keys.
    private mutating func refuseExtraBytes(after message: Int) throws(NoiseError) {
        guard buffer.byteCount == 0 else {
            throw .unexpectedDataAfterHandshakeMessage(message: message, byteCount: buffer.byteCount)
        }
    }

    /// Splits the symmetric state into the session, and ends the handshake.
    private mutating func complete(_ remote: NoiseRemoteIdentity) -> NoiseHandshakeResult {
        let ciphers = symmetricState.split()
        let session = switch role {
        case .initiator:
            NoiseSession(sendingCipher: ciphers.initiatorToResponder, receivingCipher: ciphers.responderToInitiator)
        case .responder:
            NoiseSession(sendingCipher: ciphers.responderToInitiator, receivingCipher: ciphers.initiatorToResponder)
        }
        stage = .complete
        return NoiseHandshakeResult(
            session: session,
            remotePeerID: remote.peerID,
            remoteIdentityKey: remote.identityKey,
            remoteStaticKey: remote.staticKey,
            remoteStreamMuxers: remote.streamMuxers,
            leftover: buffer.takeAll(),
            handshakeHash: symmetricState.handshakeHash
        )
    }
}
