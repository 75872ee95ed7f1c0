import Wire

/// A subscription change announced in an RPC (`RPC.SubOpts`):
///
/// ```
/// optional bool   subscribe = 1;
/// optional string topicid   = 2;
/// ```
///
/// Decoding requires a topic and reads an absent `subscribe` as false; encoding writes
/// both fields, as go-libp2p-pubsub and py-libp2p do.
public struct GossipSubscription: Hashable, Sendable {
    /// True to subscribe, false to unsubscribe.
    public var subscribe: Bool
    /// The topic id.
    public var topic: String

    static let subscribeField = 1
    static let topicField = 2

    /// A subscription change for `topic`.
    public init(subscribe: Bool, topic: String) {
        self.subscribe = subscribe
        self.topic = topic
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        var subscribe: Bool?
        var topic: String?
        while let field = try reader.next() {
            switch field.number {
            case Self.subscribeField: try reader.setOnce(&subscribe, to: try reader.bool(of: field), field: field)
            case Self.topicField: try reader.setOnce(&topic, to: try reader.topic(of: field), field: field)
            default: continue
            }
        }
        self.subscribe = subscribe ?? false
        self.topic = try reader.required(topic, field: Self.topicField)
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        writer.writeBool(subscribe, field: Self.subscribeField)
        writer.writeString(topic, field: Self.topicField)
        return writer
    }
}
