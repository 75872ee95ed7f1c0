import Wire

/// A PRUNE entry (`ControlPrune`): the sender has removed the receiver from its mesh for a
/// topic, optionally offering other peers (v1.1 peer exchange) and asking the receiver
/// not to GRAFT again for `backoffSeconds` (v1.1).
///
/// ```
/// optional string   topicID = 1;   // required here
/// repeated PeerInfo peers   = 2;
/// optional uint64   backoff = 3;   // seconds
/// ```
public struct GossipPrune: Hashable, Sendable {
    /// The topic of the mesh.
    public var topic: String
    /// Peers offered for exchange.
    public var peers: [GossipPeerInfo]
    /// How long, in seconds, the receiver should wait before grafting again; nil if not sent.
    public var backoffSeconds: UInt64?

    static let topicField = 1
    static let peersField = 2
    static let backoffField = 3

    /// A PRUNE for `topic`.
    public init(topic: String, peers: [GossipPeerInfo] = [], backoffSeconds: UInt64? = nil) {
        self.topic = topic
        self.peers = peers
        self.backoffSeconds = backoffSeconds
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        var topic: String?
        var peers: [GossipPeerInfo] = []
        var backoff: UInt64?
        while let field = try reader.next() {
            switch field.number {
            case Self.topicField:
                try reader.setOnce(&topic, to: try reader.topic(of: field), field: field)
            case Self.peersField:
                guard peers.count < reader.limits.prunePeerCountMax else {
                    throw .tooManyPrunePeers(limit: reader.limits.prunePeerCountMax)
                }
                var nested = try reader.nested(field, message: "PeerInfo")
                peers.append(try GossipPeerInfo(reading: &nested))
            case Self.backoffField:
                try reader.setOnce(&backoff, to: try reader.uint64(of: field), field: field)
            default:
                continue
            }
        }
        self.init(topic: try reader.required(topic, field: Self.topicField), peers: peers, backoffSeconds: backoff)
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        writer.writeString(topic, field: Self.topicField)
        for peer in peers { writer.writeMessage(peer.protobufWriter, field: Self.peersField) }
        if let backoffSeconds { writer.writeVarint(backoffSeconds, field: Self.backoffField) }
        return writer
    }
}
