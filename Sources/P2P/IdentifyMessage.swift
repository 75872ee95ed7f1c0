import Wire

/// The identify message (`/ipfs/id/1.0.0` and `/ipfs/id/push/1.0.0`): what a peer tells
/// another about itself, sent as one uvarint-length-prefixed protobuf before the stream
/// closes.
///
///     message Identify {
///       optional bytes  publicKey        = 1;  // libp2p PublicKey protobuf
///       repeated bytes  listenAddrs      = 2;  // binary multiaddrs
///       repeated string protocols        = 3;
///       optional bytes  observedAddr     = 4;  // the sender's view of the receiver's address
///       optional string protocolVersion  = 5;
///       optional string agentVersion     = 6;
///       optional bytes  signedPeerRecord = 8;  // a SignedPeerRecord envelope (Identity)
///     }
///
/// Decoding is lenient (unknown fields skipped, as other implementations add fields) but
/// bounded; an address that does not parse is dropped and counted, not fatal, because
/// peers advertise transports we do not speak. The signed peer record stays bytes here;
/// the host opens it (`SignedPeerRecord(opening:)`) and keeps it in its peer store.
public struct IdentifyMessage: Equatable, Sendable {
    /// The largest identify message accepted (go-libp2p allows 8 KiB with a signed record).
    public static let byteCountMax = 8 * 1024
    public static let listenAddressCountMax = 128
    public static let protocolCountMax = 512
    public static let protocolIDByteCountMax = 1024

    public var publicKey: LibP2PPublicKey?
    public var listenAddresses: [Multiaddr] = []
    public var protocols: [String] = []
    public var observedAddress: Multiaddr?
    public var protocolVersion: String?
    public var agentVersion: String?
    /// The sender's signed peer record envelope (at most `SignedEnvelope.byteCountMax`
    /// bytes are opened; a longer one is refused when opened).
    public var signedPeerRecord: [UInt8]?
    /// Addresses in the message that did not parse (transports this build does not know).
    public private(set) var skippedAddressCount = 0

    public init(
        publicKey: LibP2PPublicKey?, listenAddresses: [Multiaddr], protocols: [String],
        observedAddress: Multiaddr?, protocolVersion: String?, agentVersion: String?,
        signedPeerRecord: [UInt8]? = nil
    ) {
        self.publicKey = publicKey
        self.listenAddresses = listenAddresses
        self.protocols = protocols
        self.observedAddress = observedAddress
        self.protocolVersion = protocolVersion
        self.agentVersion = agentVersion
        self.signedPeerRecord = signedPeerRecord
    }

    /// The protobuf bytes (without the length prefix).
    public var bytes: [UInt8] {
        var writer = ProtobufWriter()
        if let publicKey { writer.writeBytes(publicKey.protobufBytes, field: 1) }
        for address in listenAddresses { writer.writeBytes(address.bytes, field: 2) }
        for name in protocols { writer.writeString(name, field: 3) }
        if let observedAddress { writer.writeBytes(observedAddress.bytes, field: 4) }
        if let protocolVersion { writer.writeString(protocolVersion, field: 5) }
        if let agentVersion { writer.writeString(agentVersion, field: 6) }
        if let signedPeerRecord { writer.writeBytes(signedPeerRecord, field: 8) }
        return writer.bytes
    }

    /// Decodes the protobuf bytes of an identify message.
    public init(bytes: [UInt8]) throws(WireError) {
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = Self.byteCountMax
        var reader = try ProtobufReader(bytes, limits: limits)
        while let field = try reader.next() {
            try apply(field)
        }
    }

    private mutating func apply(_ field: ProtobufField) throws(WireError) {
        switch field.number {
        case 1: publicKey = try LibP2PPublicKey(protobufBytes: field.bytes())
        case 2:
            guard listenAddresses.count + skippedAddressCount < Self.listenAddressCountMax else {
                throw .limitExceeded("identify listen addresses", limit: Self.listenAddressCountMax)
            }
            if let address = try? Multiaddr(bytes: field.bytes()) {
                listenAddresses.append(address)
            } else {
                skippedAddressCount += 1
            }
        case 3:
            guard protocols.count < Self.protocolCountMax else {
                throw .limitExceeded("identify protocols", limit: Self.protocolCountMax)
            }
            let name = try field.string()
            guard name.utf8.count <= Self.protocolIDByteCountMax else {
                throw .limitExceeded("protocol id byte count", limit: Self.protocolIDByteCountMax)
            }
            protocols.append(name)
        case 4: observedAddress = try? Multiaddr(bytes: field.bytes())
        case 5: protocolVersion = try field.string()
        case 6: agentVersion = try field.string()
        case 8: signedPeerRecord = try field.bytes()
        default: break
        }
    }
}
