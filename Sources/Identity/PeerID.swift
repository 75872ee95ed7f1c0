import Sodium
import Wire

/// A libp2p peer id: the multihash of a peer's public key in its libp2p protobuf form.
///
/// Keys whose encoding is at most 42 bytes (Ed25519, secp256k1) use the identity multihash,
/// so the key can be read back out of the id; larger keys (RSA, ECDSA) use SHA-256.
public struct PeerID: Hashable, Sendable, CustomStringConvertible {
    /// The longest public-key encoding that is inlined with the identity multihash.
    public static let inlineKeyByteCountMax = 42
    /// The longest peer id accepted in binary form: an inlined key or a SHA-256 digest.
    public static let byteCountMax = 2 + inlineKeyByteCountMax + 8
    /// The longest text accepted when parsing a peer id (base58 or CIDv1).
    public static let textCountMax = 128
    /// The multicodec of a libp2p public key inside a CIDv1.
    public static let libp2pKeyCodec: UInt64 = 0x72

    /// The multihash of the encoded public key.
    public let multihash: Multihash
    /// The multihash's hash, taken once: peer ids key the routers' and hosts' tables and
    /// are looked up for every message and control entry. Comparing it first also settles
    /// most unequal pairs without reading the bytes.
    private let hashCode: Int

    public static func == (lhs: PeerID, rhs: PeerID) -> Bool {
        lhs.hashCode == rhs.hashCode && lhs.multihash == rhs.multihash
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(hashCode)
    }

    /// What sets and dictionaries bucket by: the hash taken once, mixed with their seed
    /// (`KeptHash`), without hashing it again.
    public func _rawHashValue(seed: Int) -> Int {
        KeptHash.mix(hashCode, seed: seed)
    }

    private static func hashCode(of multihash: Multihash) -> Int {
        var hasher = Hasher()
        hasher.combine(multihash)
        return hasher.finalize()
    }

    /// The binary peer id: the multihash bytes.
    public var bytes: [UInt8] { multihash.bytes }

    /// The legacy text form: base58btc of the multihash (`12D3KooW…` for Ed25519).
    public var description: String { Base58.encode(bytes) }

    /// The CIDv1 text form: multibase base32 of `0x01 ‖ 0x72 ‖ multihash`.
    public var cidText: String {
        var cid: [UInt8] = [0x01]
        Varint.append(Self.libp2pKeyCodec, to: &cid)
        cid.append(contentsOf: bytes)
        return "b" + Base32.encode(cid)
    }

    /// The peer id of a public key.
    public init(publicKey: LibP2PPublicKey) {
        let encoded = publicKey.protobufBytes
        if encoded.count <= Self.inlineKeyByteCountMax {
            multihash = Multihash(code: Multihash.identityCode, digest: encoded)
        } else {
            multihash = Multihash(code: Multihash.sha256Code, digest: SHA256.hash(encoded))
        }
        hashCode = Self.hashCode(of: multihash)
    }

    /// A peer id from its multihash; rejects hash functions libp2p does not use for ids.
    public init(multihash: Multihash) throws(IdentityError) {
        switch multihash.code {
        case Multihash.identityCode:
            guard multihash.digest.count <= Self.inlineKeyByteCountMax else {
                throw .invalidKey("an inlined key has \(multihash.digest.count) bytes, over \(Self.inlineKeyByteCountMax)")
            }
            do {
                _ = try LibP2PPublicKey(protobufBytes: multihash.digest)
            } catch {
                throw .malformed(error)
            }
        case Multihash.sha256Code:
            guard multihash.digest.count == SHA256.byteCount else {
                throw .invalidDigestLength(expected: SHA256.byteCount, actual: multihash.digest.count)
            }
        default:
            throw .unsupportedMultihash(code: multihash.code)
        }
        self.multihash = multihash
        hashCode = Self.hashCode(of: multihash)
    }

    /// A peer id from its binary form (the multihash bytes).
    public init(bytes: [UInt8]) throws(IdentityError) {
        let multihash: Multihash
        do {
            multihash = try Multihash(bytes: bytes, byteCountMax: Self.byteCountMax)
        } catch {
            throw .malformed(error)
        }
        try self.init(multihash: multihash)
    }

    /// A peer id from text: base58btc (`12D3KooW…`, `Qm…`) or a CIDv1 with the libp2p-key codec.
    public init(_ text: String) throws(IdentityError) {
        guard text.utf8.count <= Self.textCountMax else {
            throw .malformed(.limitExceeded("peer id text", limit: Self.textCountMax))
        }
        if text.hasPrefix("1") || text.hasPrefix("Qm") {
            let bytes: [UInt8]
            do {
                bytes = try Base58.decode(text, byteCountMax: Self.byteCountMax)
            } catch {
                throw .malformed(error)
            }
            try self.init(bytes: bytes)
        } else {
            try self.init(cidText: text)
        }
    }

    private init(cidText text: String) throws(IdentityError) {
        var reader: ByteReader
        do {
            reader = ByteReader(try Multibase.decode(text, byteCountMax: Self.byteCountMax + 4))
            let version = try reader.readVarint()
            guard version == 1 else { throw IdentityError.invalidCID("version \(version), expected 1") }
            let codec = try reader.readVarint()
            guard codec == Self.libp2pKeyCodec else {
                throw IdentityError.invalidCID("codec 0x\(String(codec, radix: 16)), expected libp2p-key (0x72)")
            }
            let rest = try reader.readBytes(reader.remainingByteCount)
            try self.init(bytes: rest)
        } catch let error as IdentityError {
            throw error
        } catch let error as WireError {
            throw .malformed(error)
        } catch {
            throw .invalidCID("\(error)")
        }
    }

    /// The public key inlined in an identity-multihash peer id, or nil for hashed ids.
    public var inlinedPublicKey: LibP2PPublicKey? {
        guard multihash.code == Multihash.identityCode else { return nil }
        return try? LibP2PPublicKey(protobufBytes: multihash.digest)
    }

    /// Whether this peer id belongs to `publicKey`.
    public func matches(_ publicKey: LibP2PPublicKey) -> Bool {
        PeerID(publicKey: publicKey) == self
    }
}
