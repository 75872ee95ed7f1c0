/// A private key in the libp2p `PrivateKey` protobuf, the form stored in key files.
///
/// Its descriptions show the type and length only, never the key bytes.
/// It is deliberately not `Equatable`: compare secrets in constant time elsewhere.
public struct LibP2PPrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
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

    /// Decodes the deterministic `PrivateKey` protobuf, with the same checks as
    /// ``LibP2PPublicKey/init(protobufBytes:)``.
    public init(protobufBytes: [UInt8]) throws(WireError) {
        (type, data) = try LibP2PKeyMessage.decode(protobufBytes, byteCountMax: Self.protobufByteCountMax)
    }

    /// The deterministic `PrivateKey` protobuf: `08 ‖ type ‖ 12 ‖ length ‖ data`.
    public var protobufBytes: [UInt8] {
        LibP2PKeyMessage.encode(type: type, data: data)
    }

    /// The type and length, without the key bytes.
    public var description: String { "LibP2PPrivateKey(\(type), \(data.count) bytes)" }

    /// The type and length, without the key bytes.
    public var debugDescription: String { description }
}
