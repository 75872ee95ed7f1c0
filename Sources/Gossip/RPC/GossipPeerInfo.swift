import Wire

/// A peer offered for exchange in a PRUNE (`PeerInfo`, gossipsub v1.1):
///
/// ```
/// optional bytes peerID           = 1;
/// optional bytes signedPeerRecord = 2;   // a signed envelope with the peer's addresses
/// ```
///
/// Both are kept as bytes; the router parses and checks them when it acts on them.
public struct GossipPeerInfo: Hashable, Sendable {
    /// The peer id bytes.
    public var peerID: [UInt8]?
    /// The peer's signed peer record envelope.
    public var signedPeerRecord: [UInt8]?

    static let peerIDField = 1
    static let signedPeerRecordField = 2

    /// Peer info with the given fields.
    public init(peerID: [UInt8]?, signedPeerRecord: [UInt8]? = nil) {
        self.peerID = peerID
        self.signedPeerRecord = signedPeerRecord
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        var peerID: [UInt8]?
        var signedPeerRecord: [UInt8]?
        while let field = try reader.next() {
            switch field.number {
            case Self.peerIDField: try reader.setOnce(&peerID, to: try reader.bytes(of: field), field: field)
            case Self.signedPeerRecordField:
                try reader.setOnce(&signedPeerRecord, to: try reader.bytes(of: field), field: field)
            default: continue
            }
        }
        self.init(peerID: peerID, signedPeerRecord: signedPeerRecord)
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        if let peerID { writer.writeBytes(peerID, field: Self.peerIDField) }
        if let signedPeerRecord { writer.writeBytes(signedPeerRecord, field: Self.signedPeerRecordField) }
        return writer
    }
}
