import Sodium
import Wire

/// A canonical message with its author's Ed25519 signature.
///
/// Envelope (itself canonical protobuf): `body = 1` (canonical bytes of `Body`),
/// `signer = 2` (32-byte Ed25519 public key), `signature = 3` (64 bytes) over
/// `Body.signingBytes(chainID:)`. The chain id and domain tag are not sent: the receiver
/// supplies the chain it is on, and the kind follows from where the envelope arrived.
public struct SignedMessage<Body: CanonicalMessage>: Sendable {
    public let body: Body
    public let signer: Ed25519PublicKey
    public let signature: [UInt8]
    /// The body's canonical bytes, kept so they are neither re-encoded nor re-hashed.
    public let bodyBytes: [UInt8]
    /// The account that signed, derived once (it is a hash of the key).
    public let signerAddress: AccountAddress

    /// Envelope overhead on top of the body: three tags, length prefixes, key and signature.
    public static var envelopeByteCountMax: Int { Body.byteCountMax + 128 }

    /// Signs `body` for `chainID` with `key`.
    public init(signing body: Body, chainID: UInt64, with key: Ed25519PrivateKey) {
        self.body = body
        bodyBytes = body.canonicalBytes
        signer = key.publicKey
        signerAddress = AccountAddress(publicKey: signer)
        signature = key.signature(for: Body.signingBytes(chainID: chainID, body: bodyBytes))
    }

    private init(body: Body, bodyBytes: [UInt8], signer: Ed25519PublicKey, signature: [UInt8]) {
        self.body = body
        self.bodyBytes = bodyBytes
        self.signer = signer
        self.signature = signature
        signerAddress = AccountAddress(publicKey: signer)
    }

    /// The message id: BLAKE2b-256 of the envelope, the same on every peer because the
    /// envelope, the body and Ed25519 signatures each have one valid encoding.
    public var id: [UInt8] { BLAKE2b256.hash(envelopeBytes) }

    /// Whether `envelope` is exactly this message's envelope.
    public func envelopeMatches(_ envelope: [UInt8]) -> Bool {
        envelopeBytes == envelope
    }

    /// The envelope's canonical bytes.
    public var envelopeBytes: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytes(bodyBytes, field: 1)
        writer.writeBytes(signer.bytes, field: 2)
        writer.writeBytes(signature, field: 3)
        return writer.bytes
    }

    /// Decodes an envelope and verifies it for `chainID`; every deviation from the
    /// canonical form, in the envelope or in the body, is refused.
    public static func verified(_ envelope: [UInt8], chainID: UInt64) throws(SignedMessageError) -> SignedMessage {
        try verified(envelope, chainID: chainID, knownValid: nil)
    }

    /// As ``verified(_:chainID:)``, but the signature of an envelope whose hash `knownValid`
    /// holds (verified before for this chain) is not checked again; everything else is.
    public static func verified(_ envelope: [UInt8], chainID: UInt64,
                                knownValid: VerifiedEnvelopes?) throws(SignedMessageError) -> SignedMessage {
        let fields = try envelopeFields(envelope)
        let signer: Ed25519PublicKey
        do {
            signer = try Ed25519PublicKey(bytes: fields.signer)
        } catch {
            throw .invalidSigner("\(error)")
        }
        let body: Body
        do {
            body = try Body.decodeCanonical(fields.body)
        } catch {
            throw .malformedBody(error)
        }
        if knownValid?.contains(BLAKE2b256.hash(envelope)) != true {
            let signed = Body.signingBytes(chainID: chainID, body: fields.body)
            guard signer.isValidSignature(fields.signature, for: signed) else { throw .invalidSignature }
        }
        return SignedMessage(body: body, bodyBytes: fields.body, signer: signer, signature: fields.signature)
    }

    private static func envelopeFields(
        _ envelope: [UInt8]
    ) throws(SignedMessageError) -> (body: [UInt8], signer: [UInt8], signature: [UInt8]) {
        do {
            var limits = ProtobufLimits.standard
            limits.messageByteCountMax = envelopeByteCountMax
            var reader = try ProtobufReader(envelope, limits: limits, strictness: .canonical)
            var values: [[UInt8]] = []
            while let field = try reader.next() {
                guard field.number <= 3 else { throw WireError.unknownField(field.number) }
                guard field.number == values.count + 1 else {
                    throw field.number <= values.count
                        ? WireError.duplicateField(field.number) : WireError.missingField(values.count + 1)
                }
                values.append(try field.bytes())
            }
            guard values.count == 3 else { throw WireError.missingField(values.count + 1) }
            guard values[1].count == Ed25519PublicKey.byteCount,
                  values[2].count == Ed25519PublicKey.signatureByteCount else {
                throw WireError.valueOutOfRange("signer must be 32 bytes and signature 64 bytes")
            }
            return (values[0], values[1], values[2])
        } catch let error as WireError {
            throw .malformedEnvelope(error)
        } catch {
            throw .malformedEnvelope(.nonCanonical("\(error)"))
        }
    }
}
