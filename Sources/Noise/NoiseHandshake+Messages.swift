import Identity
import Sodium

/// The three messages of the XX pattern, token by token, as the Noise Framework's
/// `WriteMessage` and `ReadMessage` process them.
extension NoiseHandshake {
    /// Message 1, initiator: `e`, then the empty payload.
    mutating func writeMessage1() -> [UInt8] {
        symmetricState.mixHash(ephemeralKey.publicKey.bytes)
        symmetricState.mixHash([UInt8]())
        return ephemeralKey.publicKey.bytes
    }

    /// Message 1, responder: `e`, then the empty payload.
    mutating func readMessage1(_ body: [UInt8]) throws(NoiseError) {
        guard body.count == NoiseProtocol.publicKeyByteCount else {
            throw .handshakeMessageWrongSize(message: 1, byteCount: body.count)
        }
        remoteEphemeralKey = Self.publicKey(body)
        symmetricState.mixHash(body)
        symmetricState.mixHash([UInt8]())
    }

    /// Message 2, responder: `e, ee, s, es`, then `payload` (normally ``localPayload()``).
    mutating func writeMessage2(payload: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard let remoteEphemeralKey else { preconditionFailure("message 2 follows message 1") }
        var body = ephemeralKey.publicKey.bytes
        symmetricState.mixHash(ephemeralKey.publicKey.bytes)
        try mixKey(ephemeralKey, remoteEphemeralKey)
        body += try symmetricState.encryptAndHash(staticKey.publicKey.bytes)
        try mixKey(staticKey, remoteEphemeralKey)
        body += try symmetricState.encryptAndHash(payload)
        return body
    }

    /// Message 2, initiator: `e, ee, s, es`, then the responder's payload, verified.
    mutating func readMessage2(_ body: [UInt8]) throws(NoiseError) -> NoiseRemoteIdentity {
        let key = NoiseProtocol.publicKeyByteCount, tag = NoiseProtocol.tagByteCount
        guard body.count >= key + (key + tag) + tag else {
            throw .handshakeMessageWrongSize(message: 2, byteCount: body.count)
        }
        let remoteEphemeralKey = Self.publicKey(body[..<key])
        self.remoteEphemeralKey = remoteEphemeralKey
        symmetricState.mixHash(remoteEphemeralKey.bytes)
        try mixKey(ephemeralKey, remoteEphemeralKey)
        let remoteStaticKey = Self.publicKey(try symmetricState.decryptAndHash(body[key..<(2 * key + tag)]))
        try mixKey(ephemeralKey, remoteStaticKey)
        let payload = try symmetricState.decryptAndHash(body[(2 * key + tag)...])
        return try NoiseRemoteIdentity(
            payloadBytes: payload, staticKey: remoteStaticKey, expectedPeerID: expectedRemotePeerID
        )
    }

    /// Message 3, initiator: `s, se`, then `payload` (normally ``localPayload()``).
    mutating func writeMessage3(payload: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard let remoteEphemeralKey else { preconditionFailure("message 3 follows message 2") }
        var body = try symmetricState.encryptAndHash(staticKey.publicKey.bytes)
        try mixKey(staticKey, remoteEphemeralKey)
        body += try symmetricState.encryptAndHash(payload)
        return body
    }

    /// Message 3, responder: `s, se`, then the initiator's payload, verified.
    mutating func readMessage3(_ body: [UInt8]) throws(NoiseError) -> NoiseRemoteIdentity {
        let key = NoiseProtocol.publicKeyByteCount, tag = NoiseProtocol.tagByteCount
        guard body.count >= (key + tag) + tag else {
            throw .handshakeMessageWrongSize(message: 3, byteCount: body.count)
        }
        let remoteStaticKey = Self.publicKey(try symmetricState.decryptAndHash(body[..<(key + tag)]))
        try mixKey(ephemeralKey, remoteStaticKey)
        let payload = try symmetricState.decryptAndHash(body[(key + tag)...])
        return try NoiseRemoteIdentity(
            payloadBytes: payload, staticKey: remoteStaticKey, expectedPeerID: expectedRemotePeerID
        )
    }

    /// Our handshake payload: the identity key and its signature of our static key.
    func localPayload() -> [UInt8] {
        NoiseHandshakePayload(identityKey: identityKey, staticKey: staticKey.publicKey).bytes
    }

    /// `MixKey(DH(local, remote))`.
    private mutating func mixKey(_ local: X25519PrivateKey, _ remote: X25519PublicKey) throws(NoiseError) {
        let secret: SecretBytes
        do {
            secret = try local.sharedSecret(with: remote)
        } catch {
            throw .weakRemoteKey
        }
        symmetricState.mixKey(secret)
    }

    /// A public key from bytes already known to be 32 long.
    private static func publicKey(_ bytes: some Collection<UInt8>) -> X25519PublicKey {
        do {
            return try X25519PublicKey(bytes: bytes)
        } catch {
            preconditionFailure("a Noise public key field has 32 bytes")
        }
    }
}
