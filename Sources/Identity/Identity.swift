// Identity: who a peer and an account are, and how application messages are signed.
//
// Owns:
// - `IdentityKey`: an Ed25519 key pair with its libp2p peer id and its account address.
// - `PeerID`: libp2p peer ids (identity or SHA-256 multihash of the libp2p public-key
//   protobuf), in base58btc (`12D3KooW…`) and CIDv1 (`bafz…`) text.
// - `AccountAddress`: the 20-byte ledger address of an Ed25519 key, `0x` + 40 hex digits
//   with a mixed-case checksum.
// - `KeyFile`: the on-disk key format, written 0600 and refused when others can read it.
// - `CanonicalMessage` and `SignedMessage`: the canonical encoding of signed application
//   messages (docs/canonical-encoding.md):
//
//       signed bytes = uvarint(len(tag)) ‖ tag ‖ chain id (u64 big-endian) ‖ canonical protobuf
//
// - `SignedEnvelope`, `PeerRecord` and `SignedPeerRecord`: libp2p signed envelopes (RFC
//   0002) and the peer records (RFC 0003) that identify and gossipsub peer exchange carry
//   (docs/p2p.md), Ed25519 verified, with typed errors and bounds:
//
//       Envelope     1: PublicKey  2: payload_type  3: payload  5: signature
//       signed bytes = uvarint(len(domain)) ‖ domain ‖ uvarint(len(type)) ‖ type
//                      ‖ uvarint(len(payload)) ‖ payload
//       PeerRecord   1: peer_id  2: seq  3: AddressInfo{1: multiaddr}*
//                    domain "libp2p-peer-record", payload type 03 01
//
// May import: Wire, Sodium, Foundation. Never imports a C module.
import Sodium
import Wire

/// Errors about identities: peer ids, account addresses and keys.
public enum IdentityError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(WireError)
    case unsupportedMultihash(code: UInt64)
    case invalidDigestLength(expected: Int, actual: Int)
    case invalidCID(String)
    case unsupportedKeyType(LibP2PKeyType)
    case invalidKey(String)
    case invalidAddress(String)
    case checksumMismatch(String)

    public var description: String {
        switch self {
        case .malformed(let error):
            return "malformed input: \(error)"
        case .unsupportedMultihash(let code):
            return "peer ids use the identity or sha2-256 multihash, not code 0x\(String(code, radix: 16))"
        case .invalidDigestLength(let expected, let actual):
            return "the multihash digest has \(actual) bytes where \(expected) are required"
        case .invalidCID(let reason):
            return "not a libp2p-key CID: \(reason)"
        case .unsupportedKeyType(let type):
            return "\(type) keys are not supported here; oln uses Ed25519 keys"
        case .invalidKey(let reason):
            return "invalid key: \(reason)"
        case .invalidAddress(let reason):
            return "invalid account address: \(reason)"
        case .checksumMismatch(let text):
            return "the account address \(text) has a wrong checksum (mixed-case letters); check it for typos"
        }
    }
}
