import Wire

/// A peer record in a signed envelope, checked: the signature verifies, the payload is a
/// peer record, and the record names the peer whose key signed it. What identify's
/// `signedPeerRecord` and gossipsub's peer exchange carry.
///
///     envelope   = Envelope{public_key, payload_type = 03 01, payload = PeerRecord, signature}
///     signature  = Ed25519 over uvarint(18) ‖ "libp2p-peer-record" ‖ uvarint(2) ‖ 03 01
///                                ‖ uvarint(len(payload)) ‖ payload
///
/// Opening verifies the signature before the record is decoded (RFC 0003). Only Ed25519
/// keys are verified; a record signed with another key type is refused with
/// ``SignedPeerRecordError/envelope(_:)`` holding ``SignedEnvelopeError/unsupportedKeyType(_:)``.
public struct SignedPeerRecord: Equatable, Sendable {
    /// The envelope as received or sealed.
    public let envelope: SignedEnvelope
    /// The record inside it.
    public let record: PeerRecord
    /// The envelope's bytes, passed on unchanged (another peer checks the same signature).
    public let envelopeBytes: [UInt8]

    /// The peer the record is about, which also signed it.
    public var peerID: PeerID { record.peerID }
    /// The record's sequence number.
    public var sequence: UInt64 { record.sequence }
    /// The record's addresses (those that parsed).
    public var addresses: [Multiaddr] { record.addresses }

    /// Seals `record` with `key`, in the go-libp2p form (domain `libp2p-peer-record`,
    /// payload type `03 01`).
    /// - Precondition: `record` is `key`'s and its addresses fit (``PeerRecord/fits(_:)``).
    public init(sealing record: PeerRecord, with key: IdentityKey) {
        precondition(record.peerID == key.peerID, "a peer record is sealed by its own peer's key")
        precondition(PeerRecord.fits(record.addresses), "too many or too long addresses for a peer record")
        envelope = SignedEnvelope(
            sealing: record.protobufBytes, payloadType: PeerRecord.payloadType,
            domain: PeerRecord.envelopeDomain, with: key)
        self.record = record
        envelopeBytes = envelope.protobufBytes
    }

    /// Opens an envelope's bytes: decodes it, checks the payload type and the signature,
    /// decodes the record and checks that the signer is the record's peer.
    public init(opening bytes: [UInt8]) throws(SignedPeerRecordError) {
        let envelope: SignedEnvelope
        do {
            envelope = try SignedEnvelope(protobufBytes: bytes)
        } catch {
            throw .envelope(error)
        }
        let domain: String
        switch envelope.payloadType {
        case PeerRecord.payloadType: domain = PeerRecord.envelopeDomain
        case PeerRecord.legacyPayloadType: domain = PeerRecord.legacyEnvelopeDomain
        default: throw .unexpectedPayloadType(envelope.payloadType)
        }
        do {
            try envelope.verify(domain: domain)
        } catch {
            throw .envelope(error)
        }
        let record = try PeerRecord(protobufBytes: envelope.payload)
        let signer = envelope.signerPeerID
        guard record.peerID == signer else { throw .peerMismatch(record: record.peerID, signer: signer) }
        self.envelope = envelope
        self.record = record
        envelopeBytes = bytes
    }

    /// Whether this record supersedes `other` of the same peer (a larger sequence number).
    public func isNewer(than other: SignedPeerRecord) -> Bool {
        sequence > other.sequence
    }
}
