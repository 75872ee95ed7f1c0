import Identity
import Sodium
import Wire

/// What a verified handshake payload proves about the peer.
struct NoiseRemoteIdentity: Sendable {
    /// The peer id derived from the identity key.
    let peerID: PeerID
    /// The identity key, as the payload carried it.
    let identityKey: LibP2PPublicKey
    /// The Noise static key the identity key signed.
    let staticKey: X25519PublicKey
    /// The stream multiplexers the peer advertised in its extensions.
    let streamMuxers: [String]

    /// Decodes `payloadBytes` and checks that its Ed25519 identity key signed `staticKey`, the
    /// static key the peer used in the handshake, and that it is the expected peer if one is given.
    init(payloadBytes: [UInt8], staticKey: X25519PublicKey, expectedPeerID: PeerID?) throws(NoiseError) {
        let payload: NoiseHandshakePayload
        let identityKey: LibP2PPublicKey
        do {
            payload = try NoiseHandshakePayload(bytes: payloadBytes)
            identityKey = try LibP2PPublicKey(protobufBytes: payload.identityKey)
        } catch {
            throw .malformedPayload(error)
        }
        let verifier = try Self.ed25519Key(identityKey)
        let signed = NoiseHandshakePayload.signedBytes(staticKey: staticKey)
        guard verifier.isValidSignature(payload.identitySignature, for: signed) else {
            throw .badIdentitySignature
        }
        let peerID = PeerID(publicKey: identityKey)
        if let expectedPeerID, expectedPeerID != peerID {
            throw .peerIDMismatch(expected: expectedPeerID, actual: peerID)
        }
        self.peerID = peerID
        self.identityKey = identityKey
        self.staticKey = staticKey
        self.streamMuxers = payload.streamMuxers
    }

    /// The Ed25519 key inside `identityKey`; other key types are refused.
    private static func ed25519Key(_ identityKey: LibP2PPublicKey) throws(NoiseError) -> Ed25519PublicKey {
        guard identityKey.type == .ed25519 else { throw .unsupportedIdentityKeyType(identityKey.type) }
        do {
            return try Ed25519PublicKey(bytes: identityKey.data)
        } catch {
            throw .invalidIdentityKey(byteCount: identityKey.data.count)
        }
    }
}
