import Sodium
import Wire

/// An Ed25519 key pair as a peer and an account see it: one key gives the libp2p peer id
/// (transport identity) and the account address (ledger identity).
public struct IdentityKey: Sendable {
    /// The Ed25519 private key.
    public let privateKey: Ed25519PrivateKey

    /// A fresh random key.
    public init() {
        privateKey = Ed25519PrivateKey()
    }

    public init(privateKey: Ed25519PrivateKey) {
        self.privateKey = privateKey
    }

    /// A key from the libp2p private-key protobuf (`Type = Ed25519`, `Data = seed ‖ public key`).
    /// The public half inside the data must match the seed.
    public init(libp2pPrivateKey: LibP2PPrivateKey) throws(IdentityError) {
        guard libp2pPrivateKey.type == .ed25519 else {
            throw .unsupportedKeyType(libp2pPrivateKey.type)
        }
        let data = libp2pPrivateKey.data
        guard data.count == 64 else {
            throw .invalidKey("an Ed25519 private key has 64 bytes (seed and public key), not \(data.count)")
        }
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey(seed: data.prefix(32))
        } catch {
            throw .invalidKey("\(error)")
        }
        guard ConstantTime.isEqual(key.publicKey.bytes, data.suffix(32)) else {
            throw .invalidKey("the public half does not belong to the seed")
        }
        privateKey = key
    }

    /// The Ed25519 public key.
    public var publicKey: Ed25519PublicKey { privateKey.publicKey }

    /// The public key in its libp2p protobuf form.
    public var libp2pPublicKey: LibP2PPublicKey {
        LibP2PPublicKey(type: .ed25519, data: publicKey.bytes)
    }

    /// The private key in its libp2p protobuf form, as go-libp2p stores it.
    public var libp2pPrivateKey: LibP2PPrivateKey {
        let seed = privateKey.seed.withUnsafeBytes { Array($0) }
        return LibP2PPrivateKey(type: .ed25519, data: seed + publicKey.bytes)
    }

    /// The libp2p peer id (`12D3KooW…`).
    public var peerID: PeerID { PeerID(publicKey: libp2pPublicKey) }

    /// The ledger account address.
    public var accountAddress: AccountAddress { AccountAddress(publicKey: publicKey) }

    /// A detached Ed25519 signature.
    public func signature(for message: some Collection<UInt8>) -> [UInt8] {
        privateKey.signature(for: message)
    }
}
