import Sodium
import Wire

/// The `NoiseHandshakePayload` protobuf that messages 2 and 3 carry encrypted:
///
/// ```
/// message NoiseHandshakePayload {
///   bytes identity_key = 1;           // libp2p PublicKey protobuf
///   bytes identity_sig = 2;           // signature of "noise-libp2p-static-key:" ‖ static key
///   NoiseExtensions extensions = 4;
/// }
/// message NoiseExtensions {
///   repeated bytes webtransport_certhashes = 1;
///   repeated string stream_muxers = 2;
/// }
/// ```
///
/// Decoding is lenient as protobuf is: unknown fields are skipped, fields may come in any
/// order, a repeated singular field keeps its last value and repeated extensions merge.
/// It is bounded by ``limits``.
public struct NoiseHandshakePayload: Sendable, Equatable {
    /// The largest payload accepted, in bytes.
    public static let byteCountMax = 8192
    /// The most fields accepted in the payload or in its extensions.
    public static let fieldCountMax = 256
    /// The bounds enforced while decoding.
    public static let limits = ProtobufLimits(
        messageByteCountMax: byteCountMax,
        fieldByteCountMax: byteCountMax,
        nestingDepthMax: 1,
        fieldCountMax: fieldCountMax
    )

    static let identityKeyField = 1
    static let identitySignatureField = 2
    static let extensionsField = 4
    static let webTransportCertificateHashesField = 1
    static let streamMuxersField = 2

    /// The sender's identity key as a libp2p `PublicKey` protobuf.
    public var identityKey: [UInt8]
    /// The identity key's signature of the sender's Noise static key.
    public var identitySignature: [UInt8]
    /// The WebTransport certificate hashes of the extensions.
    public var webTransportCertificateHashes: [[UInt8]] = []
    /// The stream multiplexers the sender supports, in its order of preference.
    public var streamMuxers: [String] = []

    /// A payload with the given identity fields and extensions.
    public init(
        identityKey: [UInt8],
        identitySignature: [UInt8],
        webTransportCertificateHashes: [[UInt8]] = [],
        streamMuxers: [String] = []
    ) {
        self.identityKey = identityKey
        self.identitySignature = identitySignature
        self.webTransportCertificateHashes = webTransportCertificateHashes
        self.streamMuxers = streamMuxers
    }

    /// The payload that proves `identityKey` owns the Noise static key `staticKey`.
    public init(identityKey: Ed25519PrivateKey, staticKey: X25519PublicKey) {
        let publicKey = LibP2PPublicKey(type: .ed25519, data: identityKey.publicKey.bytes)
        self.init(
            identityKey: publicKey.protobufBytes,
            identitySignature: identityKey.signature(for: Self.signedBytes(staticKey: staticKey))
        )
    }

    /// The bytes an identity key signs: `"noise-libp2p-static-key:" ‖ static key`.
    public static func signedBytes(staticKey: X25519PublicKey) -> [UInt8] {
        Array(NoiseProtocol.staticKeySignaturePrefix.utf8) + staticKey.bytes
    }

    /// Decodes a payload; both identity fields must be present and non-empty.
    public init(bytes: [UInt8]) throws(WireError) {
        var reader = try ProtobufReader(bytes, limits: Self.limits, strictness: .lenient)
        self.init(identityKey: [], identitySignature: [])
        while let field = try reader.next() {
            switch field.number {
            case Self.identityKeyField: identityKey = try field.bytes()
            case Self.identitySignatureField: identitySignature = try field.bytes()
            case Self.extensionsField: try readExtensions(from: reader.nestedReader(for: field))
            default: break
            }
        }
        guard !identityKey.isEmpty else { throw .missingField(Self.identityKeyField) }
        guard !identitySignature.isEmpty else { throw .missingField(Self.identitySignatureField) }
    }

    /// Adds the fields of one `NoiseExtensions` message.
    private mutating func readExtensions(from reader: ProtobufReader) throws(WireError) {
        var reader = reader
        while let field = try reader.next() {
            switch field.number {
            case Self.webTransportCertificateHashesField: webTransportCertificateHashes.append(try field.bytes())
            case Self.streamMuxersField: streamMuxers.append(try field.string())
            default: break
            }
        }
    }

    /// The protobuf encoding; extensions are written only when there are any.
    public var bytes: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytes(identityKey, field: Self.identityKeyField)
        writer.writeBytes(identitySignature, field: Self.identitySignatureField)
        var extensions = ProtobufWriter()
        for hash in webTransportCertificateHashes {
            extensions.writeBytes(hash, field: Self.webTransportCertificateHashesField)
        }
        for muxer in streamMuxers {
            extensions.writeString(muxer, field: Self.streamMuxersField)
        }
        if !extensions.isEmpty {
            writer.writeMessage(extensions, field: Self.extensionsField)
        }
        return writer.bytes
    }
}
