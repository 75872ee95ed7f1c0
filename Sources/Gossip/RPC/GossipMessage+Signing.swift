import Identity
import Sodium
import Wire

extension GossipMessage {
    /// The prefix of the bytes a message signature covers.
    public static let signaturePrefix: [UInt8] = Array("libp2p-pubsub:".utf8)
    /// The length of `seqno`: a 64-bit big-endian counter.
    public static let seqnoByteCount = 8

    /// The bytes a signature covers: `"libp2p-pubsub:" ‖` the `Message` protobuf with
    /// only from, data, seqno and topic, in field order.
    public var signedBytes: [UInt8] {
        Self.signaturePrefix + unsignedProtobufWriter.bytes
    }

    /// This message authored and signed by `key` (``GossipSigningPolicy/strictSign``):
    /// `from` is the key's peer id, `seqno` the 8 big-endian bytes of `seqno`, `key` is
    /// left out (an Ed25519 key is read back from the peer id), and `signature` covers
    /// ``signedBytes``.
    public func signed(by key: IdentityKey, seqno: UInt64) -> GossipMessage {
        var message = self
        message.from = key.peerID.bytes
        message.seqno = withUnsafeBytes(of: seqno.bigEndian) { Array($0) }
        message.key = nil
        message.signature = key.signature(for: message.signedBytes)
        return message
    }

    /// Checks the message against `policy`.
    ///
    /// Under strictSign the author comes from `from`, its public key from the peer id
    /// (inlined identity multihash) or from `key`, which must belong to `from` when
    /// present; `seqno` must have 8 bytes and `signature` must verify. Under
    /// strictNoSign `from`, `seqno`, `signature` and `key` must all be absent.
    ///
    /// - Returns: the author under strictSign, nil under strictNoSign.
    public func verify(policy: GossipSigningPolicy) throws(GossipMessageError) -> PeerID? {
        switch policy {
        case .strictSign:
            return try verifySignature()
        case .strictNoSign:
            for (field, value) in [(Self.fromField, from), (Self.seqnoField, seqno),
                                   (Self.signatureField, signature), (Self.keyField, key)] where value != nil {
                throw .forbiddenField(field)
            }
            return nil
        }
    }

    private func verifySignature() throws(GossipMessageError) -> PeerID {
        guard let signature else { throw .missingSignature }
        guard let from else { throw .missingAuthor }
        let author: PeerID
        do {
            author = try PeerID(bytes: from)
        } catch {
            throw .invalidAuthor(error)
        }
        guard let seqno else { throw .missingSequenceNumber }
        guard seqno.count == Self.seqnoByteCount else { throw .invalidSequenceNumberLength(byteCount: seqno.count) }
        let publicKey = try authorPublicKey(of: author)
        guard publicKey.isValidSignature(signature, for: signedBytes) else { throw .invalidSignature }
        return author
    }

    private func authorPublicKey(of author: PeerID) throws(GossipMessageError) -> Ed25519PublicKey {
        let libp2pKey: LibP2PPublicKey
        if let key {
            do {
                libp2pKey = try LibP2PPublicKey(protobufBytes: key)
            } catch {
                throw .invalidPublicKey("\(error)")
            }
            guard author.matches(libp2pKey) else { throw .publicKeyMismatch }
        } else {
            guard let inlined = author.inlinedPublicKey else { throw .missingPublicKey }
            libp2pKey = inlined
        }
        guard libp2pKey.type == .ed25519 else { throw .unsupportedKeyType(libp2pKey.type) }
        do {
            return try Ed25519PublicKey(bytes: libp2pKey.data)
        } catch {
            throw .invalidPublicKey("\(error)")
        }
    }
}
