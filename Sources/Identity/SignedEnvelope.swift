import Sodium
import Wire

/// A signed envelope (libp2p RFC 0002): a payload, its type, the signer's public key and
/// a signature, so that anyone can check who wrote the payload.
///
///     message Envelope {
///       PublicKey public_key   = 1;   // libp2p PublicKey protobuf
///       bytes     payload_type = 2;   // a multicodec, e.g. 0x03 0x01 for peer records
///       bytes     payload      = 3;
///       bytes     signature    = 5;
///     }
///
/// The signature is over ``signingBytes(domain:payloadType:payload:)``: the domain string
/// (never sent; each use of envelopes has its own) and the two payload fields, each after
/// its uvarint length. Decoding skips unknown fields and refuses a repeated known one.
public struct SignedEnvelope: Equatable, Sendable {
    /// The longest envelope accepted: room for an Ed25519 key, a signature and a payload of
    /// a few kilobytes (go-libp2p's identify allows 8 KiB in all).
    public static let byteCountMax = 4096

    /// The signer's public key.
    public let publicKey: LibP2PPublicKey
    /// What the payload is, usually a multicodec.
    public let payloadType: [UInt8]
    /// The signed payload.
    public let payload: [UInt8]
    /// The signature over ``signingBytes(domain:payloadType:payload:)``.
    public let signature: [UInt8]

    /// An envelope with the given fields; nothing is checked.
    public init(publicKey: LibP2PPublicKey, payloadType: [UInt8], payload: [UInt8], signature: [UInt8]) {
        self.publicKey = publicKey
        self.payloadType = payloadType
        self.payload = payload
        self.signature = signature
    }

    /// Signs `payload` of `payloadType` for `domain` with `key`.
    public init(sealing payload: [UInt8], payloadType: [UInt8], domain: String, with key: IdentityKey) {
        let signed = Self.signingBytes(domain: domain, payloadType: payloadType, payload: payload)
        self.init(publicKey: key.libp2pPublicKey, payloadType: payloadType, payload: payload, signature: key.signature(for: signed))
    }

    /// The bytes a signature covers:
    /// `uvarint(len(domain)) ‖ domain ‖ uvarint(len(type)) ‖ type ‖ uvarint(len(payload)) ‖ payload`.
    public static func signingBytes(domain: String, payloadType: [UInt8], payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in [Array(domain.utf8), payloadType, payload] {
            Varint.append(UInt64(part.count), to: &bytes)
            bytes.append(contentsOf: part)
        }
        return bytes
    }

    /// The envelope protobuf, fields in number order.
    public var protobufBytes: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytes(publicKey.protobufBytes, field: 1)
        writer.writeBytes(payloadType, field: 2)
        writer.writeBytes(payload, field: 3)
        writer.writeBytes(signature, field: 5)
        return writer.bytes
    }

    /// Decodes an envelope without checking its signature (see ``verify(domain:)``).
    public init(protobufBytes bytes: [UInt8]) throws(SignedEnvelopeError) {
        guard bytes.count <= Self.byteCountMax else { throw .tooLarge(byteCount: bytes.count, limit: Self.byteCountMax) }
        do throws(WireError) {
            var fields: [Int: [UInt8]] = [:]
            var reader = try ProtobufReader(bytes, limits: Self.protobufLimits)
            while let field = try reader.next() {
                guard [1, 2, 3, 5].contains(field.number) else { continue }
                guard fields.updateValue(try field.bytes(), forKey: field.number) == nil else {
                    throw WireError.duplicateField(field.number)
                }
            }
            guard let key = fields[1] else { throw WireError.missingField(1) }
            guard let signature = fields[5] else { throw WireError.missingField(5) }
            self.init(
                publicKey: try LibP2PPublicKey(protobufBytes: key), payloadType: fields[2] ?? [],
                payload: fields[3] ?? [], signature: signature)
        } catch {
            throw .malformed(error)
        }
    }

    /// Checks the signature for `domain`.
    ///
    /// - Throws: ``SignedEnvelopeError/unsupportedKeyType(_:)`` for keys other than Ed25519,
    ///   ``SignedEnvelopeError/invalidPublicKey(_:)``, ``SignedEnvelopeError/invalidSignature``.
    public func verify(domain: String) throws(SignedEnvelopeError) {
        guard publicKey.type == .ed25519 else { throw .unsupportedKeyType(publicKey.type) }
        let key: Ed25519PublicKey
        do {
            key = try Ed25519PublicKey(bytes: publicKey.data)
        } catch {
            throw .invalidPublicKey("\(error)")
        }
        let signed = Self.signingBytes(domain: domain, payloadType: payloadType, payload: payload)
        guard signature.count == Ed25519PublicKey.signatureByteCount,
              key.isValidSignature(signature, for: signed) else { throw .invalidSignature }
    }

    /// The signer's peer id.
    public var signerPeerID: PeerID { PeerID(publicKey: publicKey) }

    private static var protobufLimits: ProtobufLimits {
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = byteCountMax
        limits.fieldByteCountMax = byteCountMax
        limits.fieldCountMax = 64
        return limits
    }
}
