/// A public key in the libp2p `PublicKey` protobuf, the form hashed into peer ids.
///
/// The key bytes are not checked against the key type here; the layer that
/// uses the key does that.
public struct LibP2PPublicKey: Hashable, Sendable {
    /// The longest encoded message accepted, in bytes (room for large RSA keys).
    public static let protobufByteCountMax = 8192

    /// The key algorithm.
    public let type: LibP2PKeyType
    /// The key bytes in the algorithm's libp2p encoding.
    public let data: [UInt8]

    /// A key of the given type and bytes.
    public init(type: LibP2PKeyType, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    /// Decodes the deterministic `PublicKey` protobuf.
    ///
    /// - Throws: ``WireError/missingField(_:)``, ``WireError/duplicateField(_:)``,
    ///   ``WireError/unknownField(_:)``, ``WireError/fieldsOutOfOrder(previous:next:)``,
    ///   ``WireError/valueOutOfRange(_:)`` for an unknown key type, and
    ///   ``WireError/limitExceeded(_:limit:)`` above ``protobufByteCountMax``.
    public init(protobufBytes: [UInt8]) throws(WireError) {
        (type, data) = try LibP2PKeyMessage.decode(protobufBytes, byteCountMax: Self.protobufByteCountMax)
    }

    /// The deterministic `PublicKey` protobuf: `08 ‖ type ‖ 12 ‖ length ‖ data`.
    public var protobufBytes: [UInt8] {
        LibP2PKeyMessage.encode(type: type, data: data)
    }
}
