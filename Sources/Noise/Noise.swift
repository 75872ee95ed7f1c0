// Noise: the libp2p Noise secure channel (noise-libp2p, protocol id "/noise"), sans-IO.
//
// What it owns
//   NoiseHandshake        the Noise_XX_25519_ChaChaPoly_SHA256 handshake with libp2p
//                         identity payloads; bytes in, bytes to send and a result out
//   NoiseSession          the transport phase: seals plaintext into frames, opens frames
//   NoiseCipherState,     the Noise Framework's CipherState and SymmetricState (internal)
//   NoiseSymmetricState
//   NoiseHandshakePayload the NoiseHandshakePayload protobuf, encoded and decoded
//   NoiseFrameBuffer      reassembly of length-prefixed frames from stream fragments (internal)
//   NoiseError            every way the handshake or the session can fail
//
// May import: Sodium, Wire, Identity. No Foundation, no sockets, no clock, no randomness:
// the caller passes the ephemeral key in and moves the bytes.
//
// The handshake (h = ck = protocol name, 32 bytes; prologue empty)
//
//   initiator                                        responder
//   -> e                                  message 1  (no payload)
//   <- e, ee, s, es, payload              message 2  (payload: responder's identity)
//   -> s, se, payload                     message 3  (payload: initiator's identity)
//   Split(): initiator sends with the first key, the responder with the second.
//
// Byte layouts (‖ is concatenation, [n] is n bytes)
//
//   frame              length[2, big-endian] ‖ body[length]     length ≤ 65535
//   message 1 body     e[32]
//   message 2 body     e[32] ‖ encrypted s[32 + 16] ‖ encrypted payload[p + 16]
//   message 3 body     encrypted s[32 + 16] ‖ encrypted payload[p + 16]
//   transport body     ciphertext[n] ‖ tag[16]                   n ≤ 65519
//   nonce              [4] zero ‖ counter[8, little-endian]
//
//   NoiseHandshakePayload (protobuf)
//     1  identity_key   bytes    libp2p PublicKey protobuf (08 01 12 20 ‖ Ed25519 key[32])
//     2  identity_sig   bytes    Ed25519 over "noise-libp2p-static-key:" ‖ static key[32]
//     4  extensions     message  NoiseExtensions
//          1  webtransport_certhashes  repeated bytes
//          2  stream_muxers            repeated string

/// Constants of the noise-libp2p protocol.
public enum NoiseProtocol {
    /// The libp2p protocol id negotiated with multistream-select.
    public static let protocolID = "/noise"
    /// The Noise protocol name; 32 bytes, so it is the initial handshake hash as is.
    public static let name = "Noise_XX_25519_ChaChaPoly_SHA256"
    /// The prefix of the bytes an identity key signs to bind itself to a Noise static key.
    public static let staticKeySignaturePrefix = "noise-libp2p-static-key:"
    /// The length of a Diffie-Hellman public key.
    public static let publicKeyByteCount = 32
    /// The length of the authentication tag on every encrypted field and transport frame.
    public static let tagByteCount = 16
    /// The length of the big-endian length prefix of every frame.
    public static let frameHeaderByteCount = 2
    /// The largest frame body, set by the two-byte length prefix.
    public static let frameBodyByteCountMax = Int(UInt16.max)
}
