import Identity
import Sodium
import Wire

/// A completed handshake: the transport session and what it proved about the peer.
public struct NoiseHandshakeResult: Sendable {
    /// The session for the transport phase.
    public var session: NoiseSession
    /// The peer id of the peer's authenticated identity key.
    public let remotePeerID: PeerID
    /// The peer's identity key, as its handshake payload carried it.
    public let remoteIdentityKey: LibP2PPublicKey
    /// The peer's Noise static key, which its identity key signed.
    public let remoteStaticKey: X25519PublicKey
    /// The stream multiplexers the peer advertised, in its order of preference; often empty.
    public let remoteStreamMuxers: [String]
    /// Bytes that arrived after the last handshake frame: the start of the transport stream,
    /// to be passed to `session.open`.
    public let leftover: [UInt8]
    /// The final handshake hash, the same on both sides, usable for channel binding.
    public let handshakeHash: [UInt8]
}
